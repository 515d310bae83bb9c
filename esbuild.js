// Bundles each entry point into dist/ as CommonJS, copies the two WebAssembly files next to them, and h5wasm's Node build into dist/h5wasm/.
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
 * h5wasm (the HDF5 library in WebAssembly, for legacy Keras `.h5` files) is ESM, 4 MB with its
 * WebAssembly inlined, and loaded only when a scan meets an `.h5` file: it is not bundled but
 * copied as it ships, with a package.json that makes Node read it as ESM, and
 * `project/model-codecs.ts` imports it from there (MLSEC_H5WASM, relative to the bundle).
 */
// Its exports map hides package.json and the Node build from require.resolve: found as require would find the package.
const h5wasmRoot = require.resolve.paths('h5wasm').map((d) => path.join(d, 'h5wasm')).find((d) => fs.existsSync(path.join(d, 'package.json')));
const h5wasmDir = path.join(h5wasmRoot, 'dist', 'node');

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

/**
 * seek-bzip (bz2, for joblib files) allocates with `new Buffer(n)`, which Node reports as
 * deprecated (DEP0005) on standard error when the call is outside node_modules, as it is in a
 * bundle: its files get a `Buffer` of their own that allocates zeroed bytes the current way.
 */
const seekBzipBuffer = {
  name: 'seek-bzip-buffer',
  setup(b) {
    b.onLoad({ filter: /[\\/]seek-bzip[\\/]lib[\\/][^\\/]+\.js$/ }, (args) => ({
      contents: `var Buffer = function (n) { return require('buffer').Buffer.alloc(n); };\n${fs.readFileSync(args.path, 'utf8')}`,
      loader: 'js',
    }));
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
        define: { MLSEC_VERSION: JSON.stringify(pkg.version), MLSEC_H5WASM: JSON.stringify('h5wasm') },
        plugins: [standaloneValidator, seekBzipBuffer],
        logLevel: 'warning',
      }),
    ),
  );
  for (const file of wasm) fs.copyFileSync(file, path.join(out, path.basename(file)));
  const h5 = path.join(out, 'h5wasm');
  fs.mkdirSync(h5, { recursive: true });
  for (const file of ['hdf5_hl.js', 'hdf5_util.js']) fs.copyFileSync(path.join(h5wasmDir, file), path.join(h5, file));
  fs.copyFileSync(path.join(h5wasmDir, '..', '..', 'LICENSE.txt'), path.join(h5, 'LICENSE.txt'));
  fs.writeFileSync(path.join(h5, 'package.json'), `${JSON.stringify({ type: 'module', version: JSON.parse(fs.readFileSync(path.join(h5wasmRoot, 'package.json'), 'utf8')).version })}\n`);
}

build().catch((e) => {
  console.error(e);
  process.exit(1);
});
