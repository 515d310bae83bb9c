import * as fs from 'fs';
import * as path from 'path';
import type { EngineAssets } from '../engine';

/**
 * The two WebAssembly files the engine needs. A bundle finds them next to itself (esbuild.js copies
 * them there); running from source, they come from node_modules.
 */
export function loadAssets(): EngineAssets {
  return {
    runtime: read('tree-sitter.wasm', 'web-tree-sitter/tree-sitter.wasm'),
    python: read('tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm'),
  };
}

function read(file: string, module: string): Uint8Array {
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) return fs.readFileSync(beside);
  return fs.readFileSync(require.resolve(module));
}
