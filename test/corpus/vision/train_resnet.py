"""Fine-tune a ResNet-50 on the product photo set; resumes from the last checkpoint."""
import argparse
import os
import pickle

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="data/products")
    p.add_argument("--resume", default=None)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--lr", type=float, default=1e-3)
    return p.parse_args()


def load_checkpoint(path, model, optimizer):
    # ruleid: MLS102
    state = torch.load(path)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    return state["epoch"]


def load_pretrained_backbone(model, path):
    # ok: MLS102
    state = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(state, strict=False)


def load_legacy(path):
    # The 2021 checkpoints hold a whole pickled nn.Module.
    # ruleid: MLS102
    return torch.load(path, map_location="cpu", weights_only=False)


def load_class_names(path):
    with open(path, "rb") as f:
        # ruleid: MLS101
        return pickle.load(f)


def save_class_names(path, names):
    with open(path, "wb") as f:
        # ok: MLS101
        pickle.dump(names, f)


def main():
    args = parse_args()
    tf = transforms.Compose([transforms.RandomResizedCrop(224), transforms.ToTensor()])
    train = datasets.ImageFolder(os.path.join(args.data, "train"), tf)
    loader = DataLoader(train, batch_size=64, shuffle=True, num_workers=4)
    model = models.resnet50(weights=models.ResNet50_Weights.IMAGENET1K_V2)
    model.fc = nn.Linear(model.fc.in_features, len(train.classes))
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr)
    start = 0
    if args.resume:
        start = load_checkpoint(args.resume, model, opt)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(start, args.epochs):
        for x, y in loader:
            opt.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
        # ok: MLS102
        torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "epoch": epoch + 1}, f"ckpt/epoch{epoch}.pt")


if __name__ == "__main__":
    main()
