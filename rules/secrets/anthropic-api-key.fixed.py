import os

import anthropic

# ruleid: MLS203
client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])

SETTINGS = dict(
    # ruleid: MLS203
    key=os.environ["ANTHROPIC_API_KEY"],
)

# ok: MLS203
env_client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])
# ok: MLS203
short = "sk-ant-api03-abc"
