import type { Connection } from 'vscode-languageserver/node';

/**
 * Logging to the client's output channel at a chosen level. Messages carry URIs, counts and
 * timings only: never source text, so a secret in a document can never reach a log.
 */
export interface Logger {
  error(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

const LEVELS = ['error', 'info', 'debug'] as const;

export function createLogger(connection: Connection, level: string): Logger {
  const max = Math.max(0, LEVELS.indexOf(level as (typeof LEVELS)[number]));
  const at = (l: number, write: (m: string) => void) => (m: string) => {
    if (l <= max) write(`[mlsec] ${m}`);
  };
  return {
    error: at(0, (m) => connection.console.error(m)),
    info: at(1, (m) => connection.console.info(m)),
    debug: at(2, (m) => connection.console.log(m)),
  };
}
