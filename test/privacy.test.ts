import { strict as assert } from 'assert';
import { lintPython } from './support/engine';
import { getEngine } from './support/engine';
import { notebook } from './support/notebooks';

const codes = async (text: string) => (await lintPython(text, { config: { select: ['MLS401'] } })).findings;

const TORCH_LOOP = `
import torch
for x, y in loader:
    loss = torch.nn.functional.mse_loss(model(x), y)
    loss.backward()
    optimizer.step()
`;

describe('MLS401 training on personal data without DP', () => {
  it('names the evidence and points related information at it', async () => {
    const [f] = await codes(`import pandas as pd\ndf = pd.read_csv("signups.csv", usecols=["email", "phone", "age"])\n${TORCH_LOOP}`);
    assert.match(f.message, /Training \(`loss\.backward\(\)`\) on data that looks personal \(`email`, `phone`, `age`\)/);
    assert.equal(f.confidence, 'medium');
    assert.deepEqual(f.related!.map((r) => [r.range.start.line, r.message]), [[1, 'personal data: email'], [1, 'personal data: phone'], [1, 'personal data: age']]);
  });

  it('stays quiet when Opacus is in place', async () => {
    const dp = `import pandas as pd\nfrom opacus import PrivacyEngine\ndf = pd.read_csv("u.csv", usecols=["email"])\nengine = PrivacyEngine()\nmodel, optimizer, loader = engine.make_private_with_epsilon(module=model, optimizer=optimizer, data_loader=loader, target_epsilon=3, target_delta=1e-6, epochs=1, max_grad_norm=1.0)\n${TORCH_LOOP}`;
    assert.deepEqual(await codes(dp), []);
  });

  it('stays quiet on data that is not personal', async () => {
    assert.deepEqual(await codes(`import pandas as pd\ndf = pd.read_csv("iris.csv", usecols=["sepal_length", "species"])\n${TORCH_LOOP}`), []);
  });

  it('covers Keras, Hugging Face Trainer and scikit-learn, and TF Privacy counts as DP', async () => {
    const keras = await codes('import pandas as pd\ndf = pd.read_parquet("p.parquet")\nX = df.drop(columns=["patient_id", "diagnosis"])\nmodel.fit(X, y, epochs=3)\n');
    assert.match(keras[0].message, /`model\.fit\(\)`.*`patient_id`, `diagnosis`/);
    const hf = await codes('from transformers import Trainer\nrows = [r["first_name"] for r in records]\ntrainer = Trainer(model=model, train_dataset=ds)\ntrainer.train()\n');
    assert.match(hf[0].message, /`trainer\.train\(\)`/);
    const tfp = await codes('import tensorflow_privacy\nX = df[["email"]]\nopt = tensorflow_privacy.DPKerasSGDOptimizer(l2_norm_clip=1.0, noise_multiplier=1.1, num_microbatches=1)\nmodel.fit(X, y)\n');
    assert.deepEqual(tfp, []);
  });

  it('takes the # mlsec: personal-data marker as strong evidence, and configured names', async () => {
    const [marked] = await codes(`# mlsec: personal-data\n${TORCH_LOOP}`);
    assert.equal(marked.confidence, 'high');
    const configured = await lintPython(`df = load("x", columns=["member_ref"])\n${TORCH_LOOP}`, { config: { select: ['MLS401'], options: { MLS401: { 'pii-names': ['member_ref'] } } } });
    assert.equal(configured.findings.length, 1);
  });

  it('sees evidence and training in different notebook cells', async () => {
    const text = notebook([{ source: 'import pandas as pd\ndf = pd.read_csv("c.csv")\ndf["email"].nunique()' }, { source: TORCH_LOOP.trim() }]);
    const { findings } = (await getEngine()).lint({ text, kind: 'notebook', config: { select: ['MLS401'] } });
    assert.deepEqual(findings.map((f) => [f.code, f.cell?.cell]), [['MLS401', 1]]);
  });
});

describe('MLS406 personal data in notebook outputs', () => {
  it('flags the output that shows rows and masks the values', async () => {
    const text = notebook([{ source: 'df.head()', outputs: [{ output_type: 'execute_result', execution_count: 1, metadata: {}, data: { 'text/plain': ['   name               email\n0  Dana  dana.whitfield@gmail.com'] } }] }]);
    const { findings } = (await getEngine()).lint({ text, kind: 'notebook', config: { select: ['MLS406'] } });
    assert.deepEqual(findings.map((f) => [f.code, f.cell?.cell, f.cell?.output]), [['MLS406', 0, 0]]);
    assert.doesNotMatch(findings[0].message, /dana\.whitfield/);
  });
});
