#!/usr/bin/env node
// The `cordage` command: compiled (dist/) when the build is current, else from its sources.
'use strict';
require('./compiled').runEntry(
  require('node:path').join(__dirname, '..', 'apps', 'cli', 'src', 'main.ts'),
);
