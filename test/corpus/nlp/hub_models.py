import torch

# ruleid: MLS302
midas = torch.hub.load("intel-isl/MiDaS", "MiDaS_small")
# ruleid: MLS302
yolo = torch.hub.load("ultralytics/yolov5:master", "yolov5s")
# ok: MLS302
dino = torch.hub.load("facebookresearch/dinov2:v0.1.0", "dinov2_vits14")
# ruleid: MLS112
silero = torch.hub.load("snakers4/silero-vad:v4.0", "silero_vad", trust_repo=True)
# ok: MLS112
resnet = torch.hub.load("pytorch/vision:v0.16.0", "resnet18", trust_repo="check")
# ok: MLS302
local = torch.hub.load("./third_party/detector", "custom", source="local")
