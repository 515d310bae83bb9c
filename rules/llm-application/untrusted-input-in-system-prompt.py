import sys

from flask import Flask, request
from fastapi import FastAPI, UploadFile
from openai import OpenAI
from anthropic import Anthropic
from langchain_core.messages import SystemMessage, HumanMessage
from langchain_core.prompts import ChatPromptTemplate
from langgraph.prebuilt import create_react_agent

app = Flask(__name__)
api = FastAPI()
client = OpenAI()
claude = Anthropic()

PERSONAS = {"tutor": "You are a patient tutor.", "editor": "You are a copy editor."}


@app.route("/chat", methods=["POST"])
def flask_chat():
    persona = request.form["persona"]
    messages = [
        # ruleid: MLS507
        {"role": "system", "content": f"You are {persona}. Answer briefly."},
        {"role": "user", "content": request.form["question"]},
    ]
    return client.chat.completions.create(model="gpt-4o", messages=messages, max_tokens=256)


@api.post("/ask")
async def fastapi_ask(tone: str, question: str):
    return claude.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=512,
        # ruleid: MLS507
        system=f"Answer in a {tone} tone.",
        messages=[{"role": "user", "content": question}],
    )


@api.post("/policy")
async def uploaded_policy(policy: UploadFile, question: str):
    rules = (await policy.read()).decode()
    # ruleid: MLS507
    history = [SystemMessage(content="Follow these rules:\n" + rules), HumanMessage(content=question)]
    return history


def cli_agent(model, tools):
    extra = sys.argv[1]
    # ruleid: MLS507
    return create_react_agent(model, tools, prompt=f"You are a helpful agent. {extra}")


def template_from_input():
    goal = input("Goal: ")
    return ChatPromptTemplate.from_messages([
        # ruleid: MLS507
        ("system", "You help with: " + goal),
        ("human", "{question}"),
    ])


def responses_instructions(user_style):
    style = request.args.get("style", "plain")
    # ruleid: MLS507
    return client.responses.create(model="gpt-4.1", instructions=f"Write in a {style} style.", input="hi", max_output_tokens=100)


def django_view(request):
    role = request.POST["role"]
    # ruleid: MLS507
    return [{"role": "system", "content": "You are " + role}]


@app.route("/safe", methods=["POST"])
def fixed_system_prompt():
    messages = [
        # ok: MLS507
        {"role": "system", "content": PERSONAS.get("tutor")},
        # ok: MLS507
        {"role": "user", "content": request.form["question"]},
    ]
    return client.chat.completions.create(model="gpt-4o", messages=messages, max_tokens=256)


@api.post("/human-only")
async def user_text_in_user_message(question: str):
    return ChatPromptTemplate.from_messages([
        # ok: MLS507
        ("system", "You are a helpful assistant."),
        # ok: MLS507
        ("human", question),
    ])


def not_a_handler(persona):
    # ok: MLS507
    return [{"role": "system", "content": f"You are {persona}."}]
