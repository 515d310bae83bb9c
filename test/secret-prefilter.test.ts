import { strict as assert } from 'assert';
import fc from 'fast-check';
import { DETECTORS, MAY_HOLD_SECRET } from '../engine/secrets';

/**
 * `findSecrets` skips text that `MAY_HOLD_SECRET` rejects, so that check must hold for every token
 * any detector can match: random text built from the detectors' prefixes and random token
 * characters is matched with each detector's own pattern, and every token found must pass it.
 */
const PREFIXES = ['hf_', 'api_org_', 'sk-', 'sk-proj-', 'T3BlbkFJ', 'sk-ant-api03-', 'AA', 'wandb_v1_', '_', 'AKIA', 'ASIA', 'AIza', '-----BEGIN PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----', 'ghp_', 'github_pat_', 'xoxb-', '-', 'r8_', 'gsk_', 'lsv2_pt_', 'pplx-', ' ', '"', 'wandb ', 'cohere ', 'aws_secret ', 'openai.azure.com '];
/** The token lengths the detectors use, and a few around them. */
const LENGTHS = [10, 13, 16, 20, 27, 32, 34, 35, 36, 37, 40, 48, 49, 52, 82, 93];
const run = (chars: string) => fc.constantFrom(...LENGTHS).chain((n) => fc.string({ unit: fc.constantFrom(...chars), minLength: n, maxLength: n }));

describe('secret prefilter', () => {
  it('lets through every token some detector matches', () => {
    // A piece is a prefix and a run of token characters; pieces are separated so word boundaries occur.
    const body = fc.oneof(run('abcdefABCDEF0123456789'), run('0123456789abcdef'), run('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), run('aZ09/+'));
    const piece = fc.tuple(fc.constantFrom(...PREFIXES), body, fc.constantFrom(' ', '"', '\n', '')).map(([a, b, c]) => a + b + c);
    let tokens = 0;
    const providers = new Set<string>();
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), (pieces) => {
        const text = pieces.join('');
        for (const d of DETECTORS) {
          d.pattern.lastIndex = 0;
          for (let m = d.pattern.exec(text); m; m = d.pattern.exec(text)) {
            tokens++;
            providers.add(d.provider);
            assert.ok(MAY_HOLD_SECRET.test(m[1] ?? m[0]), `${d.provider}: ${m[1] ?? m[0]}`);
          }
        }
      }),
      { numRuns: 3000 },
    );
    assert.ok(tokens > 100, `only ${tokens} tokens matched`);
    // The run must have produced tokens of the shortest formats, where a too-strict check would show.
    for (const p of ['AWS access key id', 'Hugging Face token', 'GitHub token']) assert.ok(providers.has(p), `no ${p} generated`);
  });
});
