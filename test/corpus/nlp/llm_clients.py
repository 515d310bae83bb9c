import os

import anthropic
import cohere
import wandb
from groq import Groq
from huggingface_hub import login
from openai import OpenAI

# ruleid: MLS202
openai_client = OpenAI(api_key="sk-proj-DL7DxtpYlSXpfKtHF4vUT3BlbkFJCsMehGAkWvj7FAc9QeWJ")
# ok: MLS202
openai_env = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
# ok: MLS202
openai_default = OpenAI()
# ruleid: MLS203
claude = anthropic.Anthropic(api_key="sk-ant-api03-Tvo_hBKqFYY_kv5ZJr3J1TWDtkwtDDb-xHKas1VOqg6YYZYn9ZhyiA4uoRgnatmUdjAWtGSU8po-799NksnRH9ucAUsdMAA")
# ok: MLS203
claude_env = anthropic.Anthropic()
# ruleid: MLS206
groq = Groq(api_key="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")
# ok: MLS207
co = cohere.Client(os.environ.get("COHERE_API_KEY"))
# ok: MLS207
placeholder = OpenAI(api_key="sk-...")
# ok: MLS207
local_llm = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")

# ruleid: MLS201
login(token="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")
# ok: MLS201
login(token=os.environ["HF_TOKEN"])
# ok: MLS201
login(token="hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
# ruleid: MLS204
wandb.login(key="28b5b7a767c76fb008f86bebb2737f6a6f0fb23c")
# ok: MLS204
wandb.login()
# ruleid: MLS204
os.environ["WANDB_API_KEY"] = "6f5da2cec255404e4fb440034d6608697a8d41be"
# ruleid: MLS205
GOOGLE_API_KEY = "AIzafEouHgxzNNAL5wIScGebcy8F5n3_YNBDRzr"
# ruleid: MLS206
REPLICATE_API_TOKEN = "r8_rGPmpGXafq0fjzLczbttOofL9H2WjQ5TY4MyW"
# ok: MLS206
REPLICATE_MODEL = "stability-ai/sdxl"
# ok: MLS202
OPENAI_MODEL = "gpt-4o-mini"
# ok: MLS207
OPENAI_API_KEY = os.environ.get("OPENAI_API_KEY", "")
# ok: MLS207
ANTHROPIC_API_KEY = "${ANTHROPIC_API_KEY}"
# ok: MLS207
secret_name = "prod/llm/openai"
