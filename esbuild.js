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

/**
 * The bundles validate `[tool.mlsec]` with ajv's standalone code for the schema, generated here, in
 * place of `project/config-validator.ts` (which compiles it at run time when run from source).
 */
const standaloneValidator = {
  name: 'standalone-config-validator',
  setup(b) {
    b.onLoad({ filter: /[\\/]project[\\/]config-validator\.ts$/ }, () => {
      const Ajv = require('ajv').default;
      const standaloneCode = require('ajv/dist/standalone').default;
      const ajv = new Ajv({ ...require('./project/config-validator.options.json'), code: { source: true, esm: true } });
      const code = standaloneCode(ajv, ajv.compile(require('./project/config.schema.json')));
      return { contents: `${code}\nexport function configValidator() { return validate; }\n`, loader: 'js' };
    });
  },
};

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
        plugins: [standaloneValidator],
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
