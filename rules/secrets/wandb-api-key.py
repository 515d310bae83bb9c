import os

import wandb

# ruleid: MLS204
wandb.login(key="5ad3cf5360ba92dee64544f9664a371e5048e7d8")

# ruleid: MLS204
os.environ["WANDB_API_KEY"] = "5ad3cf5360ba92dee64544f9664a371e5048e7d8"

# ruleid: MLS204
NEW_STYLE = "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"

# ok: MLS204
COMMIT = "5ad3cf5360ba92dee64544f9664a371e5048e7d8"
# ok: MLS204
wandb.login(key=os.environ["WANDB_API_KEY"])
# ok: MLS204
wandb.init(project="sentiment", config={"revision": "dff4fbccfe78db0dd922e863a072bfcc"})
