"""Question answering over the internal docs: FastAPI + LangChain + OpenAI."""
import os

from fastapi import FastAPI, Request
from langchain_community.vectorstores import FAISS, Chroma
from langchain_openai import ChatOpenAI, OpenAIEmbeddings
from openai import OpenAI
from pydantic import BaseModel

app = FastAPI()
emb = OpenAIEmbeddings()
# ruleid: MLS505
store = FAISS.load_local("index/docs", emb, allow_dangerous_deserialization=True)
# ok: MLS505
fresh = FAISS.from_texts(["hello"], emb)
# ok: MLS505
chroma = Chroma(persist_directory="index/chroma", embedding_function=emb)
client = OpenAI()
chat = ChatOpenAI(model="gpt-4o-mini", max_tokens=400)


class Ask(BaseModel):
    question: str
    persona: str = "helpful"
    team: str = "platform"


@app.post("/ask")
def ask(body: Ask):
    docs = store.similarity_search(body.question, k=4)
    context = "\n\n".join(d.page_content for d in docs)
    # ruleid: MLS509
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            # ruleid: MLS507
            {"role": "system", "content": f"You are a {body.persona} assistant for the {body.team} team. Answer from the context only."},
            # ok: MLS507
            {"role": "user", "content": f"Context:\n{context}\n\nQuestion: {body.question}"},
        ],
    )
    return {"answer": resp.choices[0].message.content}


@app.post("/ask-bounded")
def ask_bounded(body: Ask):
    docs = store.similarity_search(body.question, k=4)
    context = "\n\n".join(d.page_content for d in docs)
    # ok: MLS509
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        max_tokens=500,
        messages=[
            # ok: MLS507
            {"role": "system", "content": "You answer questions about the internal docs from the context only."},
            {"role": "user", "content": f"Context:\n{context}\n\nQuestion: {body.question}"},
        ],
    )
    return {"answer": resp.choices[0].message.content}


@app.post("/ask-raw")
async def ask_raw(request: Request):
    payload = await request.json()
    system = "You are the docs assistant. " + payload.get("instructions", "")
    # ruleid: MLS509
    resp = client.responses.create(
        model="gpt-4o-mini",
        # ruleid: MLS507
        instructions=system,
        input=payload["question"],
    )
    return {"answer": resp.output_text}


@app.post("/ask-chain")
def ask_chain(body: Ask):
    # ok: MLS509
    return {"answer": chat.invoke([("system", "Answer briefly."), ("user", body.question)]).content}


def reindex(paths):
    global store
    store = FAISS.from_documents(paths, emb)
    # ok: MLS505
    store.save_local("index/docs")


def load_partner_index():
    # ruleid: MLS505
    return FAISS.load_local(os.environ["PARTNER_INDEX"], emb, allow_dangerous_deserialization=True)


def load_own_index():
    # ok: MLS505
    return FAISS.load_local("index/docs", emb)
