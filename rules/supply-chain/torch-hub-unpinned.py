import torch
from torch import hub

REPO = "pytorch/vision"

# ruleid: MLS302
yolo = torch.hub.load("ultralytics/yolov5", "yolov5s")
# ruleid: MLS302
resnet = hub.load(REPO, "resnet50", weights="IMAGENET1K_V2")
# ruleid: MLS302
dino = torch.hub.load("facebookresearch/dinov2:main", "dinov2_vits14")
# ruleid: MLS302
entries = torch.hub.list("pytorch/vision:master")


def multi_line():
    return torch.hub.load(
        # ruleid: MLS302
        repo_or_dir="snakers4/silero-vad",
        model="silero_vad",
    )


# ok: MLS302
tagged = torch.hub.load("ultralytics/yolov5:v7.0", "yolov5s")
# ok: MLS302
sha = torch.hub.load("pytorch/vision:3e0aa4da1b5fa2d4d3c0e1f1b2a3c4d5e6f7a8b9", "resnet50")
# ok: MLS302
local = torch.hub.load("./third_party/yolov5", "custom", source="local")
