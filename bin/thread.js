// A worker thread running a TypeScript module of this checkout, registered the way bin/run.js
// registers the process's entry point (SWC on the fly, the @cordage/* path aliases resolved).
'use strict';
const { workerData } = require('node:worker_threads');
require('./compiled').registerSourceCompiler();
require(workerData.entry);
