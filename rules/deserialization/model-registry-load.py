import mlflow
import mlflow.sklearn
import skops.io as sio
from torch.package import PackageImporter

# ruleid: MLS113
model = mlflow.pyfunc.load_model("models:/churn/Production")
# ruleid: MLS113
clf = mlflow.sklearn.load_model("runs:/abc123/model")
# ruleid: MLS113
importer = PackageImporter("model.pt")
# ruleid: MLS113
anything = sio.load("model.skops", trusted=True)

# ok: MLS113
listed = sio.load("model.skops", trusted=["sklearn.linear_model.LogisticRegression"])
# ok: MLS113
onnx = mlflow.onnx.load_model("models:/churn-onnx/1")
