import os

import openai
from openai import OpenAI

# ruleid: MLS202
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])

# ruleid: MLS202
openai.api_key = os.environ["OPENAI_API_KEY"]

CONFIG = {
    # ruleid: MLS202
    "openai_key": os.environ["OPENAI_API_KEY"],
}

# ok: MLS202
fine = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
# ok: MLS202
placeholder = OpenAI(api_key="sk-...")
# ok: MLS202
example = "sk-proj-xxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxx"

# ruleid: MLS202
PROJECT_KEY = os.environ["OPENAI_API_KEY"]
# ruleid: MLS202
SERVICE_KEY = os.environ["OPENAI_API_KEY"]
# ok: MLS202
marked_fake = "sk-proj-AhGyvtsDZ89PWX88NeRO123456gJAyUwBqACRVBU6w699eFN"
# ok: MLS202
too_short = "sk-proj-u0ANO1auejPXt56YQ4oP"
