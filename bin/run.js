#!/usr/bin/env node
// Runs a TypeScript entry point of this checkout: an app's or lib's module from the build (dist/)
// when it is current (bin/compiled.js), anything else, or a stale build, through SWC on the fly
// (decorator metadata included, the tsconfig path aliases @cordage/* resolved).
'use strict';
const path = require('node:path');
const { runEntry } = require('./compiled');
const [entry, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], entry, ...args];
runEntry(path.resolve(entry));
