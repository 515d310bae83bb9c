import { strict as assert } from 'assert';
import { PassThrough } from 'stream';
import type { Diagnostic, Message } from 'vscode-languageserver/node';
import { encodeMessage, StdioMessageWriter } from '../server/stdio-writer';

const diagnostic = (line: number, message: string): Diagnostic => ({
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
  severity: 1,
  code: 'MLS101',
  source: 'mlsec',
  message,
});

const publish = (diagnostics: Diagnostic[], version?: number) =>
  ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.py', diagnostics, ...(version !== undefined ? { version } : {}) } }) as Message;

describe('stdio writer', () => {
  it('encodes every message as JSON.stringify would (diagnostics spliced in, any key order)', () => {
    const one = (d: Diagnostic) => JSON.stringify(d);
    const messages = [
      publish([diagnostic(1, 'a "quoted" \u2028 message'), diagnostic(2, 'b')], 7),
      publish([], 3),
      publish([diagnostic(0, 'no version')]),
      { jsonrpc: '2.0', id: 1, result: { capabilities: {} } } as Message,
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'diagnostics: []}}' } } as Message,
    ];
    for (const m of messages) assert.deepEqual(JSON.parse(encodeMessage(m, one)), JSON.parse(JSON.stringify(m)));
  });

  it('serializes a diagnostic once however often it is published', () => {
    const seen: Diagnostic[] = [];
    const d = diagnostic(1, 'a');
    const stream = new PassThrough();
    const writer = new StdioMessageWriter(stream);
    const original = JSON.stringify;
    JSON.stringify = ((v: unknown, ...rest: never[]) => {
      if (v === d) seen.push(d);
      return original(v, ...rest);
    }) as typeof JSON.stringify;
    try {
      void writer.write(publish([d, diagnostic(2, 'b')], 1));
      void writer.write(publish([d], 2));
    } finally {
      JSON.stringify = original;
    }
    assert.equal(seen.length, 1);
  });

  it('writes each message whole, with a Content-Length header counting UTF-8 bytes', async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const writer = new StdioMessageWriter(stream);
    await writer.write(publish([diagnostic(1, 'é ✓ 🐍')], 1));
    await writer.write(publish([], 2));
    assert.equal(chunks.length, 2, 'one write per message');
    for (const [i, chunk] of chunks.entries()) {
      const text = chunk.toString('utf8');
      const [header, body] = text.split('\r\n\r\n');
      assert.equal(header, `Content-Length: ${Buffer.byteLength(body, 'utf8')}`);
      assert.equal(JSON.parse(body).params.version, i + 1);
    }
  });
});
