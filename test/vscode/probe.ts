// The probe extension's entry: runs the checks once and writes their outcome to MLSEC_PROBE_OUT.
import * as fs from 'fs';
import { runChecks } from './suite';

export async function activate(): Promise<void> {
  const out = process.env.MLSEC_PROBE_OUT;
  if (!out) return;
  const outcomes = await runChecks().catch((e: Error) => [{ name: 'setup', ok: false, error: e.stack ?? String(e), ms: 0 }]);
  fs.writeFileSync(out, JSON.stringify(outcomes, null, 2));
}
