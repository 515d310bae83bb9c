/**
 * IPython escapes in notebook cells: `!cmd`, `%magic`, `%%cell-magic`.
 * They are not Python, so they are blanked (replaced by spaces of the same length, keeping every
 * column in place) before parsing, and kept as shell lines for the rules that read them.
 */

export type ShellKind = 'shell' | 'line-magic' | 'cell-magic';

export interface ShellLine {
  kind: ShellKind;
  /** The command without its escape: `pip install torch` for `!pip install torch`. */
  command: string;
  /** Zero-based line and column of the escape character in the linted text. */
  line: number;
  column: number;
  /** The whole line as written. */
  text: string;
}

/** Cell magics whose body is still Python; only their first line is blanked. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'memit', 'tensorflow_version']);

export function blankIpython(source: string, firstLine: number, out: ShellLine[]): string {
  const lines = source.split('\n');
  let blankRest = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (blankRest) {
      lines[i] = blank(raw);
      continue;
    }
    const indent = line.length - line.trimStart().length;
    const rest = line.slice(indent);
    if (i === 0 && rest.startsWith('%%')) {
      const name = rest.slice(2).split(/\s/, 1)[0];
      out.push({ kind: 'cell-magic', command: rest.slice(2), line: firstLine + i, column: indent, text: line });
      lines[i] = blank(raw);
      if (!PYTHON_CELL_MAGICS.has(name)) {
        // The body belongs to another language (bash, writefile, html...): keep its lines for the rules.
        for (let j = 1; j < lines.length; j++) {
          const body = lines[j].endsWith('\r') ? lines[j].slice(0, -1) : lines[j];
          out.push({ kind: 'shell', command: body, line: firstLine + j, column: 0, text: body });
        }
        blankRest = true;
      }
      continue;
    }
    const escape = rest.startsWith('!') ? 'shell' : rest.startsWith('%') ? 'line-magic' : undefined;
    if (escape) {
      out.push({ kind: escape, command: rest.slice(1), line: firstLine + i, column: indent, text: line });
      lines[i] = blank(raw);
      continue;
    }
    // `files = !ls` and `x = %env VAR`: keep the assignment, replace the escape by an expression.
    const assign = /^([A-Za-z_][\w.]*\s*=\s*)([!%])/.exec(rest);
    if (assign) {
      const at = indent + assign[1].length;
      const kind = assign[2] === '!' ? 'shell' : 'line-magic';
      out.push({ kind, command: line.slice(at + 1), line: firstLine + i, column: at, text: line });
      const tail = line.length - at;
      lines[i] = line.slice(0, at) + 'None'.slice(0, tail) + ' '.repeat(Math.max(0, tail - 4)) + (raw.endsWith('\r') ? '\r' : '');
    }
  }
  return lines.join('\n');
}

function blank(line: string): string {
  return line.endsWith('\r') ? ' '.repeat(line.length - 1) + '\r' : ' '.repeat(line.length);
}
