#!/usr/bin/env node
'use strict';
// Runs the bundled CLI; builds it first when a fresh checkout has not been built yet.
const fs = require('fs');
const path = require('path');

const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  require('child_process').execFileSync(process.execPath, [path.join(__dirname, '..', 'esbuild.js')], { stdio: ['ignore', 'ignore', 'inherit'] });
}
require(bundle).run(process.argv.slice(2));
