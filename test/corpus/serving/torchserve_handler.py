"""TorchServe handler for the defect classifier."""
import io
import os

import torch
from PIL import Image
from safetensors.torch import load_file
from torchvision import transforms
from ts.torch_handler.base_handler import BaseHandler


class DefectHandler(BaseHandler):
    def initialize(self, context):
        model_dir = context.system_properties.get("model_dir")
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        # ok: MLS102
        self.model = torch.jit.load(os.path.join(model_dir, "defect.torchscript.pt"), map_location=self.device)
        # ok: MLS102
        self.head = load_file(os.path.join(model_dir, "head.safetensors"))
        # ruleid: MLS102
        self.calibration = torch.load(os.path.join(model_dir, "calibration.pt"), map_location=self.device)
        # ruleid: MLS102
        self.labels = torch.load(os.path.join(model_dir, "labels.pt"), pickle_module=__import__("pickle"), weights_only=False)
        self.tf = transforms.Compose([transforms.Resize(224), transforms.ToTensor()])
        self.initialized = True

    def preprocess(self, data):
        images = [self.tf(Image.open(io.BytesIO(row.get("data") or row.get("body")))) for row in data]
        return torch.stack(images).to(self.device)

    def inference(self, batch):
        with torch.no_grad():
            return self.model(batch).softmax(-1)

    def postprocess(self, probs):
        return [{self.labels[i]: float(p) for i, p in enumerate(row)} for row in probs]


def load_for_debug(path):
    # ok: MLS102
    return torch.load(path, weights_only=True, mmap=True)
