"""Fetches the pretrained weights and the evaluation data before a run."""
import hashlib
import os
import urllib.request
from pathlib import Path

import requests
import torch
import wget

WEIGHTS_URL = "https://models.example-cdn.net/segmenter/v3/segmenter.pth"
WEIGHTS_SHA256 = "5d2a1f0c9b8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392817065f4e"
OUT = Path("weights")


def fetch_unverified():
    # ruleid: MLS303
    urllib.request.urlretrieve("https://models.example-cdn.net/segmenter/v2/segmenter.pth", OUT / "segmenter_v2.pth")


def fetch_verified():
    dest = OUT / "segmenter.pth"
    # ok: MLS303
    urllib.request.urlretrieve(WEIGHTS_URL, dest)
    digest = hashlib.sha256(dest.read_bytes()).hexdigest()
    if digest != WEIGHTS_SHA256:
        dest.unlink()
        raise RuntimeError(f"checksum mismatch for {dest}")
    return dest


def fetch_eval_data():
    # ruleid: MLS303
    r = requests.get("https://data.example-cdn.net/eval/holdout.parquet", timeout=120)
    r.raise_for_status()
    (OUT / "holdout.parquet").write_bytes(r.content)


def fetch_labels():
    # ok: MLS303
    r = requests.get("https://data.example-cdn.net/eval/labels.json", timeout=30)
    return r.json()


def fetch_tokenizer():
    # ruleid: MLS303
    wget.download("https://models.example-cdn.net/tok/spm.model.zip", out=str(OUT))


def fetch_backbone():
    # ruleid: MLS303
    torch.hub.download_url_to_file("https://models.example-cdn.net/backbone/convnext.pth", str(OUT / "convnext.pth"), hash_prefix=None)


def fetch_backbone_checked():
    # ok: MLS303
    torch.hub.download_url_to_file("https://models.example-cdn.net/backbone/convnext.pth", str(OUT / "convnext.pth"), hash_prefix="5d2a1f0c")


def fetch_head():
    # ruleid: MLS303, MLS110
    return torch.hub.load_state_dict_from_url("https://models.example-cdn.net/heads/head.pth", check_hash=False)


def fetch_stream():
    # ruleid: MLS303
    with requests.get("https://models.example-cdn.net/llm/q4.gguf", stream=True, timeout=600) as r:
        with open(OUT / "q4.gguf", "wb") as f:
            for chunk in r.iter_content(1 << 20):
                f.write(chunk)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    fetch_unverified()
    fetch_verified()
    fetch_eval_data()
