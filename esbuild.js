// Bundles each entry point into dist/ as CommonJS and copies the two WebAssembly files next to them.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const pkg = require('./package.json');
const out = path.join(__dirname, 'dist');
const entries = {
  cli: 'cli/main.ts',
  worker: 'cli/worker.ts',
  server: 'server/main.ts',
  extension: 'client/extension.ts',
};
const wasm = [
  require.resolve('web-tree-sitter/tree-sitter.wasm'),
  require.resolve('tree-sitter-python/tree-sitter-python.wasm'),
];

async function build() {
  fs.mkdirSync(out, { recursive: true });
  await Promise.all(
    Object.entries(entries).map(([name, entry]) =>
      esbuild.build({
        entryPoints: [path.join(__dirname, entry)],
        outfile: path.join(out, `${name}.js`),
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        sourcemap: true,
        external: ['vscode'],
        // The CommonJS build of web-tree-sitter: its ESM build locates files through import.meta.url.
        // jsonc-parser's UMD build hides its requires from bundlers; its ESM build does not.
        mainFields: ['module', 'main'],
        alias: { 'web-tree-sitter': require.resolve('web-tree-sitter'), net: path.join(__dirname, 'build', 'no-network.js') },
        define: { MLSEC_VERSION: JSON.stringify(pkg.version) },
        logLevel: 'warning',
      }),
    ),
  );
  for (const file of wasm) fs.copyFileSync(file, path.join(out, path.basename(file)));
}

build().catch((e) => {
  console.error(e);
  process.exit(1);
});
