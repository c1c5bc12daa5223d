#!/usr/bin/env node
// Runs a TypeScript entry point of this checkout without a build step: SWC compiles on the fly
// (decorator metadata included) and the tsconfig path aliases (@cordage/*) resolve.
'use strict';
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
const [entry, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], entry, ...args];
require(path.resolve(entry));
