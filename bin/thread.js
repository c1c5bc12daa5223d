// A worker thread running a TypeScript module of this checkout, registered the way bin/run.js
// registers the process's entry point (SWC on the fly, the @cordage/* path aliases resolved).
'use strict';
const path = require('node:path');
const { workerData } = require('node:worker_threads');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
require(workerData.entry);
