import Ajv, { type ValidateFunction } from 'ajv';
import schema from './config.schema.json';
// How the schema is compiled, here and for the bundles' standalone validator (esbuild.js).
import options from './config-validator.options.json';

let compiled: ValidateFunction | undefined;

/**
 * The validator of `[tool.mlsec]` (`config.schema.json`), compiled on first use. In the bundles this
 * module is replaced by ajv's standalone code for the same schema and options, generated at build
 * time, so no run compiles the schema (about 80 ms of every CLI start).
 */
export function configValidator(): ValidateFunction {
  compiled ??= new Ajv(options).compile(schema);
  return compiled;
}
