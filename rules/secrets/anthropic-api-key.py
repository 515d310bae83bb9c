import os

import anthropic

# ruleid: MLS203
client = anthropic.Anthropic(api_key="sk-ant-api03-WEVxropmO6W9-yNsOSUTbfUwzov1sjBNMFZlvLu5MhikfhyPsrTEIXdHJwqRIsBIrlyDrWNHa9ZPJ055h3ZY7Isg-qOwVAA")

SETTINGS = dict(
    # ruleid: MLS203
    key="sk-ant-api03-WEVxropmO6W9-yNsOSUTbfUwzov1sjBNMFZlvLu5MhikfhyPsrTEIXdHJwqRIsBIrlyDrWNHa9ZPJ055h3ZY7Isg-qOwVAA",
)

# ok: MLS203
env_client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])
# ok: MLS203
short = "sk-ant-api03-abc"
