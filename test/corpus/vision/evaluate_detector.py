import json
import sys

import numpy as np
import torch
from torch.serialization import load as tload

# ok: MLS102
WEIGHTS = torch.load("weights/detector.pt", weights_only=True)
# ruleid: MLS102
EXTRA = tload("weights/extra_heads.pt")


def load_anchors(path="anchors.npy"):
    # ok: MLS103
    return np.load(path)


def load_boxes(path):
    # ruleid: MLS103
    return np.load(path, allow_pickle=True)


def load_cached_predictions(path):
    # ok: MLS103
    arr = np.load(path, allow_pickle=False)
    return arr["boxes"], arr["scores"]


def load_meta(path, trusted):
    # ruleid: MLS103
    return np.load(path, allow_pickle=trusted)


def main():
    preds = load_boxes(sys.argv[1])
    gt = json.load(open(sys.argv[2]))
    # ok: MLS103
    np.save("eval/preds.npy", preds)
    print(len(gt), preds.shape)


if __name__ == "__main__":
    main()
