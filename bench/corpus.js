// Generates realistic ML training code for benchmarks: data loading, models, training loops,
// evaluation, with and without problems. Deterministic for a given seed; written here, nothing copied.

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const BLOCKS = [
  (i) => `def load_checkpoint_${i}(path, device="cpu"):\n    state = torch.load(path, map_location=device, weights_only=True)\n    model = build_model(state["config"])\n    model.load_state_dict(state["model"])\n    return model\n`,
  (i) => `def load_legacy_${i}(path):\n    with open(path, "rb") as fh:\n        return pickle.load(fh)\n`,
  (i) => `class Dataset${i}(torch.utils.data.Dataset):\n    def __init__(self, frame, tokenizer, max_length=256):\n        self.frame = frame.reset_index(drop=True)\n        self.tokenizer = tokenizer\n        self.max_length = max_length\n\n    def __len__(self):\n        return len(self.frame)\n\n    def __getitem__(self, index):\n        row = self.frame.iloc[index]\n        encoded = self.tokenizer(row["text"], truncation=True, max_length=self.max_length)\n        return {"input_ids": encoded["input_ids"], "label": int(row["label"])}\n`,
  (i) => `def train_epoch_${i}(model, loader, optimizer, scheduler, device):\n    model.train()\n    total = 0.0\n    for step, batch in enumerate(loader):\n        batch = {k: v.to(device) for k, v in batch.items()}\n        loss = model(**batch).loss\n        loss.backward()\n        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)\n        optimizer.step()\n        scheduler.step()\n        optimizer.zero_grad()\n        total += loss.item()\n        if step % 100 == 0:\n            logger.info("step %d loss %.4f", step, loss.item())\n    return total / max(1, len(loader))\n`,
  (i) => `def evaluate_${i}(model, loader, device):\n    model.eval()\n    correct = 0\n    seen = 0\n    with torch.no_grad():\n        for batch in loader:\n            logits = model(batch["input_ids"].to(device)).logits\n            correct += (logits.argmax(-1).cpu() == batch["label"]).sum().item()\n            seen += len(batch["label"])\n    return correct / max(1, seen)\n`,
  (i) => `def read_config_${i}(path):\n    with open(path) as fh:\n        return yaml.safe_load(fh)\n`,
  (i) => `def load_features_${i}(path):\n    frame = pd.read_parquet(path)\n    embeddings = np.load(path.replace(".parquet", ".npy"))\n    return frame, embeddings\n`,
  (i) => `def pretrained_${i}(name):\n    tokenizer = AutoTokenizer.from_pretrained(name)\n    model = AutoModelForSequenceClassification.from_pretrained(name, num_labels=2)\n    return tokenizer, model\n`,
];

const HEADER = `"""Training utilities."""\n\nimport logging\nimport pickle\n\nimport numpy as np\nimport pandas as pd\nimport torch\nimport yaml\nfrom transformers import AutoModelForSequenceClassification, AutoTokenizer\n\nlogger = logging.getLogger(__name__)\n\n\n`;

/** A Python file of about `lines` lines. */
function mlCorpusFile(lines, seed = 1) {
  const random = rng(seed);
  let out = HEADER;
  let count = out.split('\n').length;
  for (let i = 0; count < lines; i++) {
    const block = BLOCKS[Math.floor(random() * BLOCKS.length)](i) + '\n\n';
    out += block;
    count += block.split('\n').length - 1;
  }
  return out;
}

/**
 * One-character edits at realistic places: typing `ch` right after each `loss` in turn (spread over
 * the file). A letter extends the name; a space is not part of a name (`loss .backward()`, or inside
 * the string of a log message), so the server cannot lint the edited tree as it is. Yields the LSP
 * change and the text after it.
 */
function* typingEdits(text, edits, ch = 'x') {
  const anchors = [...text.matchAll(/\bloss\b/g)].map((m) => m.index + 4);
  for (let i = 0; i < edits; i++) {
    const at = anchors[Math.floor((anchors.length * i) / edits)] + i;
    const before = text.slice(0, at);
    const line = before.split('\n').length - 1;
    const character = at - (before.lastIndexOf('\n') + 1);
    text = before + ch + text.slice(at);
    yield { text, change: { range: { start: { line, character }, end: { line, character } }, text: ch } };
  }
}

module.exports = { mlCorpusFile, typingEdits };
