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

# ruleid: MLS113
everything_named = sio.load("model.skops", trusted=sio.get_untrusted_types(file="model.skops"))
unknown = sio.get_untrusted_types(file="model.skops")
print(unknown)
# ruleid: MLS113
same = sio.load("model.skops", trusted=unknown)

# ok: MLS113
listed = sio.load("model.skops", trusted=["sklearn.linear_model.LogisticRegression"])
# ok: MLS113
reviewed = sio.load("model.skops", trusted=[t for t in unknown if t.startswith("sklearn.")])
# ok: MLS113
onnx = mlflow.onnx.load_model("models:/churn-onnx/1")

from fastai.learner import load_learner as load_fastai

# ruleid: MLS113
learner = load_fastai("export.pkl")

from fastai.vision.all import *

# ruleid: MLS113
learn = load_learner("model.pkl")

from stable_baselines3 import PPO, TD3
from sb3_contrib import RecurrentPPO

# ruleid: MLS113
agent = PPO.load("ppo_cartpole.zip")
# ruleid: MLS113
td3 = TD3.load("checkpoints/td3_latest", env=env)
# ruleid: MLS113
recurrent = RecurrentPPO.load("rppo.zip")
fresh = TD3("MlpPolicy", env)
# ruleid: MLS113
fresh.load_replay_buffer("replay_buffer.pkl")
# ok: MLS113
fresh.save("td3_run")
# ok: MLS113
fresh.learn(total_timesteps=1000)
