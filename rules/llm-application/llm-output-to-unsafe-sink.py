import pickle
import base64

import yaml
import streamlit as st
from flask import Flask, render_template, render_template_string
from markupsafe import Markup, escape
from jinja2 import Template
from IPython.display import HTML, Markdown
from openai import OpenAI
from langchain_openai import ChatOpenAI

app = Flask(__name__)
client = OpenAI()
llm = ChatOpenAI()


@app.route("/ask")
def ask(question):
    answer = llm.invoke(question).content
    # ruleid: MLS504
    return render_template_string(f"<p>{answer}</p>")


def markup(question):
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    # ruleid: MLS504
    return Markup(reply.choices[0].message.content)


def jinja_template(question):
    body = llm.invoke(question).content
    # ruleid: MLS504
    return Template(body).render()


def notebook_html(question):
    html = llm.invoke(question).content
    # ruleid: MLS504
    return HTML(html)


def streamlit_unsafe(question):
    answer = llm.invoke(question).content
    # ruleid: MLS504
    st.markdown(answer, unsafe_allow_html=True)


def pickled_state(question):
    blob = llm.invoke(question).content
    # ruleid: MLS504
    return pickle.loads(base64.b64decode(blob.encode()))


def yaml_full(question):
    config = llm.invoke(question).content
    # ruleid: MLS504
    return yaml.load(config, Loader=yaml.Loader)


def yaml_safe(question):
    config = llm.invoke(question).content
    # ok: MLS504
    return yaml.load(config, Loader=yaml.SafeLoader)


def escaped(question):
    answer = llm.invoke(question).content
    # ok: MLS504
    return Markup("<p>%s</p>") % escape(answer)


def escaped_before(question):
    answer = escape(llm.invoke(question).content)
    # ok: MLS504
    return render_template_string("<p>{{ a }}</p>", a=answer)


def template_variable(question):
    answer = llm.invoke(question).content
    # ok: MLS504
    return render_template("answer.html", answer=answer)


def streamlit_plain(question):
    answer = llm.invoke(question).content
    # ok: MLS504
    st.markdown(answer)


def notebook_markdown(question):
    answer = llm.invoke(question).content
    # ok: MLS504
    return Markdown(answer)


summary = llm.invoke("Summarize the report as HTML").content

# ruleid: MLS504
HTML(summary)


# Tools and the file's own functions.
from langchain_core.tools import tool


@tool
def load_state(blob: str) -> str:
    """Restore a saved state."""
    # ruleid: MLS504
    return str(pickle.loads(base64.b64decode(blob)))


def show(html):
    return render_template_string(html)


@app.route("/answer")
def answer_page():
    html = client.chat.completions.create(model="gpt-4o", messages=[]).choices[0].message.content
    # ruleid: MLS504
    return show(html)


@app.route("/about")
def about_page():
    # ok: MLS504
    return show("<h1>About</h1>")


import mistune
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from flask import jsonify

api = FastAPI()


@app.route("/ask")
def ask_page():
    answer = client.chat.completions.create(model="gpt-4o", messages=[]).choices[0].message.content
    # ruleid: MLS504
    return f"<div class='answer'>{answer}</div>"


@app.route("/ask-markdown")
def ask_markdown():
    answer = client.chat.completions.create(model="gpt-4o", messages=[]).choices[0].message.content
    # ruleid: MLS504
    return mistune.html(answer), 200, {"Content-Type": "text/html"}


@app.route("/ask-json")
def ask_json():
    answer = client.chat.completions.create(model="gpt-4o", messages=[]).choices[0].message.content
    # ok: MLS504
    return jsonify({"answer": answer})


@app.route("/ask-dict")
def ask_dict():
    answer = client.chat.completions.create(model="gpt-4o", messages=[]).choices[0].message.content
    # ok: MLS504
    return {"answer": answer}


@api.get("/page", response_class=HTMLResponse)
def page(question: str):
    answer = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}]).choices[0].message.content
    # ruleid: MLS504
    return f"<html><body>{answer}</body></html>"


@api.get("/text")
def text(question: str):
    answer = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}]).choices[0].message.content
    # ok: MLS504
    return answer


def render_reply(prompt):
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}]).choices[0].message.content
    # ruleid: MLS504
    st.write(reply, unsafe_allow_html=True)
    # ok: MLS504
    st.write(reply)


@app.route("/ask-payload")
def ask_payload():
    answer = client.chat.completions.create(model="gpt-4o", messages=[]).choices[0].message.content
    payload = {"answer": answer, "model": "gpt-4o"}
    # ok: MLS504
    return payload


# Streamlit's session state keeps the model's replies (and the chat) across reruns of the script.
import google.generativeai as gemini_sdk


def start(model_name):
    st.session_state.chat = gemini_sdk.GenerativeModel(model_name).start_chat(history=[])
    st.session_state["history"] = []
    st.session_state.questions = []


def on_question(question):
    st.session_state.questions.append(question)
    reply = st.session_state.chat.send_message(question)
    # ruleid: MLS504
    st.markdown(reply.text, unsafe_allow_html=True)
    st.session_state["history"].append({"role": "model", "text": reply.text})


def render():
    for turn in st.session_state["history"]:
        # ruleid: MLS504
        st.markdown(turn["text"], unsafe_allow_html=True)
    for question in st.session_state.questions:
        # ok: MLS504
        st.markdown(f"<b>{escape(question)}</b>", unsafe_allow_html=True)


# A module-level list the script appends the model's replies to, then renders (a notebook's or a script's top level).
transcript = []
for question in ["What is new?", "Summarise it"]:
    transcript.append(OpenAI().chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}]).choices[0].message.content)
questions = []
questions.append("What is new?")
for entry in transcript:
    # ruleid: MLS504
    st.markdown(entry, unsafe_allow_html=True)
for asked in questions:
    # ok: MLS504
    st.markdown(asked, unsafe_allow_html=True)


from langchain_core.callbacks import BaseCallbackHandler


class StreamToPage(BaseCallbackHandler):
    """Streams the answer into a Streamlit placeholder as it is written."""

    def __init__(self, placeholder):
        self.placeholder = placeholder
        self.text = ""

    def on_llm_new_token(self, token: str, **kwargs) -> None:
        self.text += token
        # ruleid: MLS504
        self.placeholder.markdown(f"<div class='answer'>{self.text}</div>", unsafe_allow_html=True)

    def on_llm_start(self, serialized, prompts, **kwargs) -> None:
        # ok: MLS504
        self.placeholder.markdown(prompts[0], unsafe_allow_html=True)


class StreamAsMarkdown(BaseCallbackHandler):
    def __init__(self, placeholder):
        self.placeholder = placeholder

    def on_llm_new_token(self, token: str, **kwargs) -> None:
        # ok: MLS504
        self.placeholder.markdown(token)


import gradio as gr


def gradio_value(question):
    body = llm.invoke(question).content
    # ruleid: MLS504
    return gr.HTML(value=body)


def gradio_value_escaped(question):
    body = llm.invoke(question).content
    # ok: MLS504
    return gr.HTML(value="<pre>" + escape(body) + "</pre>")


from langchain.chains import RetrievalQA


def retrieval_qa_page(question, retriever):
    qa = RetrievalQA.from_chain_type(llm=llm, retriever=retriever)
    answer = qa.invoke({"query": question})["result"]
    # ruleid: MLS504
    return Markup(f"<div>{answer}</div>")


from llama_index.core import SimpleDirectoryReader, VectorStoreIndex


def build_index():
    return VectorStoreIndex.from_documents(SimpleDirectoryReader("docs").load_data())


docs_engine = build_index().as_query_engine()


def docs_answer(question):
    text = str(docs_engine.query(question))
    # ruleid: MLS504
    return gr.HTML(value=f"<div class='answer'>{text}</div>")


def get_engine():
    index = VectorStoreIndex.from_documents(SimpleDirectoryReader("docs").load_data())
    return index.as_query_engine(similarity_top_k=4)


def get_banner():
    return "<b>Docs</b>"


def engine_page(question):
    answer = get_engine().query(question).response
    # ruleid: MLS504
    return Markup(f"<div>{answer}</div>")


def banner_page():
    # ok: MLS504
    return Markup(get_banner())
