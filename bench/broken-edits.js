// Keystrokes that break the code for a moment, as people type: a letter typed into the indentation
// of a line, into a keyword, or an opening bracket or quote with nothing to close it yet (in a parse
// of the whole file, an unclosed `(` swallows everything after it), each followed by its undo. The
// file is back to its text after every pair, so the places found in it stay valid.

const KINDS = {
  // `  x  state = ...`: a letter in the indentation of a line inside a function or class.
  indentation: { places: /^ {4}(?=[A-Za-z_])/gm, offset: 2, typed: 'x' },
  // `dxef`, `rxeturn`, `fxor`, `wxith`, `cxlass`: a letter after a keyword's first character.
  keyword: { places: /^ *(?:def|class|return|for|with) /gm, offset: (m) => m[0].length - m[0].trimStart().length + 1, typed: 'x' },
  // `total = (0.0`: an opening bracket with nothing to close it.
  bracket: { places: /^ +[A-Za-z_][A-Za-z0-9_.]* = /gm, offset: (m) => m[0].length, typed: '(' },
  // `state = "torch.load(...`: an opening quote with nothing to close it.
  string: { places: /^ +[A-Za-z_][A-Za-z0-9_.]* = (?=[A-Za-z_])/gm, offset: (m) => m[0].length, typed: '"' },
};

const BROKEN_KINDS = Object.keys(KINDS);

function pointAt(text, at) {
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}

/**
 * `pairs` breaking keystrokes of one kind (or of every kind in turn when `kind` is undefined), spread
 * over the file, each as the change that types it and the change that undoes it.
 */
function* brokenEdits(text, pairs, kind) {
  const kinds = kind ? [kind] : BROKEN_KINDS;
  const places = Object.fromEntries(
    kinds.map((k) => {
      const { places: re, offset } = KINDS[k];
      return [k, [...text.matchAll(re)].map((m) => m.index + (typeof offset === 'function' ? offset(m) : offset))];
    }),
  );
  for (let i = 0; i < pairs; i++) {
    const k = kinds[i % kinds.length];
    const list = places[k];
    const n = Math.floor(i / kinds.length);
    const per = Math.ceil(pairs / kinds.length);
    const at = list[Math.floor((list.length * n) / per) % list.length];
    const typed = KINDS[k].typed;
    const start = pointAt(text, at);
    const end = { line: start.line, character: start.character + typed.length };
    yield {
      kind: k,
      type: { range: { start, end: start }, text: typed },
      undo: { range: { start, end }, text: '' },
    };
  }
}

module.exports = { brokenEdits, BROKEN_KINDS };
