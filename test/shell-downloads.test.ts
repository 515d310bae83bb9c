import { strict as assert } from 'assert';
import { getEngine } from './support/engine';
import { notebook } from './support/notebooks';

/** MLS303 on `!wget` / `!curl` lines of a notebook: which digest checks cover which download. */
describe('notebook shell downloads (MLS303)', () => {
  const reported = async (...cells: string[]) => {
    const { findings } = (await getEngine()).lint({ text: notebook(cells.map((source) => ({ source }))), kind: 'notebook' });
    return findings.filter((f) => f.code === 'MLS303').map((f) => `${f.cell!.cell}:${f.cell!.line}`);
  };

  it('reports a download of an artifact that no line checks', async () => {
    assert.deepEqual(await reported('!wget -q https://example.org/weights/sam_vit_b.pth'), ['0:0']);
    assert.deepEqual(await reported('!curl -L -o yolo.pt https://example.org/v8/yolo.pt'), ['0:0']);
  });

  it('takes a sha256sum line as a check of the files it names, not of the others', async () => {
    const got = await reported(
      '!wget -q https://example.org/weights/sam_vit_b.pth\n!curl -L -o yolo.pt https://example.org/v8/yolo.pt',
      '!echo "ec2df62732614e57411cdcf32a23ffdf28910380d03139ee0f4fcbe91eb8c912  sam_vit_b.pth" | sha256sum -c -',
    );
    assert.deepEqual(got, ['0:1']);
  });

  it('takes a check of a checksum file, which names no artifact, as covering every download', async () => {
    assert.deepEqual(await reported('!wget https://example.org/a.bin\n!wget https://example.org/b.bin', '!sha256sum -c SHA256SUMS'), []);
  });

  it('does not report downloads of what is not an artifact', async () => {
    assert.deepEqual(await reported('!curl -s https://example.org/README.md | head -5'), []);
  });
});
