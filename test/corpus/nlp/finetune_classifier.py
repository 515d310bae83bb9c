"""Fine-tune a sentence classifier with the HF Trainer."""
import os

import torch
from datasets import load_dataset
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    Trainer,
    TrainingArguments,
)

BASE = "microsoft/deberta-v3-base"
BASE_REV = "8ccc9b6f36199bec6961081d44eb72fb3f7353f3"

# ruleid: MLS301
tokenizer = AutoTokenizer.from_pretrained(BASE)
# ok: MLS301
model = AutoModelForSequenceClassification.from_pretrained(BASE, revision=BASE_REV, num_labels=3)
# ruleid: MLS108
custom = AutoModelForSequenceClassification.from_pretrained("acme-labs/long-classifier", revision="0b5a5d3a7f5d0f0bb1b8a3ab2b3e0c2ad1f9e7c4", trust_remote_code=True)
# ok: MLS108
plain = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased", revision="6cdc0aad91f5ae2e6712e91bc7b65d1cf5c05411", trust_remote_code=False)
# ruleid: MLS112
legacy = AutoModelForSequenceClassification.from_pretrained("./checkpoints/legacy", use_safetensors=False)
# ok: MLS112
current = AutoModelForSequenceClassification.from_pretrained("./checkpoints/current", use_safetensors=True)

# ruleid: MLS301
ds = load_dataset("tweet_eval", "sentiment")
# ok: MLS301
local = load_dataset("csv", data_files={"train": "data/train.csv"})


def tok(batch):
    # ok: MLS301
    return tokenizer(batch["text"], truncation=True, max_length=128)


args = TrainingArguments(output_dir="out", num_train_epochs=2, per_device_train_batch_size=32, report_to="none")
trainer = Trainer(model=model, args=args, train_dataset=ds["train"].map(tok, batched=True), tokenizer=tokenizer)
trainer.train()
trainer.save_model("out/final")

# ruleid: MLS102
state = torch.load(os.path.join("out/final", "training_args.bin"), weights_only=False)
