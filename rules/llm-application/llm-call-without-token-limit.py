from fastapi import FastAPI, APIRouter
from flask import Flask
from openai import OpenAI
from anthropic import Anthropic
from langchain_openai import ChatOpenAI
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from transformers import pipeline
import litellm

api = FastAPI()
router = APIRouter()
app = Flask(__name__)
client = OpenAI()
claude = Anthropic()
unbounded = ChatOpenAI(model="gpt-4o")
bounded = ChatOpenAI(model="gpt-4o", max_tokens=400)
prompt = ChatPromptTemplate.from_template("Summarize: {text}")
generator = pipeline("text-generation", model="gpt2")


@api.post("/summarize")
def summarize(text: str):
    # ruleid: MLS509
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])


@router.get("/answer")
async def answer(q: str):
    # ruleid: MLS509
    return await litellm.acompletion(model="gpt-4o", messages=[{"role": "user", "content": q}])


@app.route("/chain", methods=["POST"])
def chain_handler():
    chain = prompt | unbounded | StrOutputParser()
    # ruleid: MLS509
    return chain.invoke({"text": "..."})


@app.post("/responses")
def responses():
    # ruleid: MLS509
    return client.responses.create(model="gpt-4.1", input="hello")


@app.post("/generate")
def generate():
    # ruleid: MLS509
    return generator("Once upon a time")


@api.post("/agent")
def agent_handler(q: str):
    from langchain.agents import AgentExecutor, create_react_agent
    agent = AgentExecutor(agent=create_react_agent(unbounded, [], prompt), tools=[])
    # ruleid: MLS509
    return agent.invoke({"input": q})


@api.post("/limited")
def limited(text: str):
    # ok: MLS509
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}], max_tokens=512)


@api.post("/limited-model")
def limited_model(text: str):
    # ok: MLS509
    return (prompt | bounded).invoke({"text": text})


@api.post("/claude")
def claude_handler(text: str):
    # ok: MLS509
    return claude.messages.create(model="claude-sonnet-4-5", max_tokens=1024, messages=[{"role": "user", "content": text}])


@app.post("/generate-short")
def generate_short():
    # ok: MLS509
    return generator("Once upon a time", max_new_tokens=64)


def batch_job(texts):
    # ok: MLS509
    return [client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": t}]) for t in texts]
