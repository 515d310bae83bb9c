// Ruff's security (S) rules through its WebAssembly build, over every .py file of a folder: the
// peer measured in-process the way MLSec's CLI is, one file at a time.
const fs = require('fs');
const path = require('path');
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');

const root = process.argv[2];
const ws = new Workspace({ lint: { select: ['S'] } }, PositionEncoding.Utf16);
let findings = 0;
const stack = [root];
while (stack.length) {
  const dir = stack.pop();
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) stack.push(p);
    else if (e.name.endsWith('.py')) findings += ws.check(fs.readFileSync(p, 'utf8')).length;
  }
}
console.log(findings);
