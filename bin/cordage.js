#!/usr/bin/env node
'use strict';
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
require(path.join(__dirname, '..', 'apps', 'cli', 'src', 'main.ts'));
