"""Routes prompts to whichever provider is cheapest; used by the batch labeller and the API."""
import os
import pickle

import litellm
import yaml
from fastapi import FastAPI
from langchain_core.load import loads
from langchain_openai import ChatOpenAI
from pydantic import BaseModel

app = FastAPI()
chat = ChatOpenAI(model="gpt-4o-mini")


class Prompt(BaseModel):
    text: str
    system: str = ""


@app.post("/complete")
def complete(p: Prompt):
    # ruleid: MLS509
    r = litellm.completion(
        model="gpt-4o-mini",
        # ruleid: MLS507
        messages=[{"role": "system", "content": p.system}, {"role": "user", "content": p.text}],
    )
    return {"text": r.choices[0].message.content}


@app.post("/complete-bounded")
def complete_bounded(p: Prompt):
    # ok: MLS509
    r = litellm.completion(model="gpt-4o-mini", max_tokens=256, messages=[{"role": "user", "content": p.text}])
    return {"text": r.choices[0].message.content}


def load_chain(path):
    with open(path) as f:
        # ruleid: MLS505
        return loads(f.read(), allow_dangerous_deserialization=True)


def load_chain_safe(path):
    with open(path) as f:
        # ok: MLS505
        return loads(f.read())


def label_batch(rows):
    out = []
    for row in rows:
        reply = chat.invoke(f"Return YAML with keys label and confidence for: {row}").content
        # ok: MLS504
        out.append(yaml.safe_load(reply))
        # ruleid: MLS504, MLS104
        out.append(yaml.load(reply, Loader=yaml.UnsafeLoader))
    return out


def cache_reply(reply):
    # ok: MLS504
    return pickle.dumps(reply)


def restore_reply(prompt):
    blob = chat.invoke(prompt).content.encode("latin-1")
    # ruleid: MLS504, MLS101
    return pickle.loads(blob)


# ok: MLS509
BATCH = litellm.completion(model="gpt-4o-mini", messages=[{"role": "user", "content": os.environ.get("WARMUP", "ping")}])
