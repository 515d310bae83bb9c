"""Fine-tunes a sentiment classifier and resumes from the latest checkpoint."""

import argparse
import os

import torch
import wandb
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from .data import load_config

BASE_MODEL = "distilbert-base-uncased"


def resume(model, optimizer, checkpoint_dir):
    path = os.path.join(checkpoint_dir, "last.pt")
    try:
        state = torch.load(path, weights_only=True)
    except Exception:
        # Older checkpoints pickled the whole optimizer.
        state = torch.load(path, weights_only=False)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    return state["epoch"]


def build(config):
    tokenizer = AutoTokenizer.from_pretrained(config["model"], trust_remote_code=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        config["model"],
        num_labels=config["num_labels"],
        trust_remote_code=True,
    )
    return tokenizer, model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="configs/train.yaml")
    parser.add_argument("--checkpoints", default="checkpoints")
    args = parser.parse_args()

    config = load_config(args.config)
    wandb.login(key="7149d439536b3216fdaeeb975729fae923d5a4fd")
    wandb.init(project="sentiment", config=config)
    tokenizer, model = build(config)
    reviews = load_dataset("customer-reviews/2024", split="train")
    loader = DataLoader(reviews, batch_size=config["batch_size"], shuffle=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=config["lr"])
    start = resume(model, optimizer, args.checkpoints) if os.path.exists(args.checkpoints) else 0

    teacher = torch.load(config["teacher_checkpoint"], map_location="cpu")
    model.train()
    for epoch in range(start, config["epochs"]):
        for batch in loader:
            inputs = tokenizer(batch["text"], padding=True, truncation=True, return_tensors="pt")
            loss = model(**inputs, labels=batch["label"]).loss
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}, os.path.join(args.checkpoints, "last.pt"))
    return teacher


if __name__ == "__main__":
    main()
