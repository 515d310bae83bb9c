"""A support assistant: answers questions over the product docs, and a data helper that charts tickets."""
import logging
import os
import sqlite3
import subprocess

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from langchain_community.vectorstores import FAISS
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI, OpenAIEmbeddings
from openai import OpenAI

app = FastAPI()
client = OpenAI()
llm = ChatOpenAI(model="gpt-4o-mini")
log = logging.getLogger("assistant")
db = sqlite3.connect("tickets.db")

# The index was built on a colleague's laptop and shared through a bucket.
index = FAISS.load_local("docs-index/", OpenAIEmbeddings(), allow_dangerous_deserialization=True)


@app.post("/ask")
def ask(question: str, tone: str = "friendly"):
    docs = index.similarity_search(question, k=4)
    context = "\n\n".join(d.page_content for d in docs)
    reply = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": f"You are a {tone} support assistant. Answer from the context only."},
            {"role": "user", "content": f"Context:\n{context}\n\nQuestion: {question}"},
        ],
    )
    answer = reply.choices[0].message.content
    log.info("answer for %s: %s", os.environ.get("SUPPORT_API_KEY"), answer)
    return {"answer": answer}


@app.get("/ask.html")
def ask_page(question: str):
    answer = llm.invoke(question, max_tokens=400).content
    return HTMLResponse(f"<article>{answer}</article>")


@app.post("/tickets/sql")
def tickets(question: str):
    chain = ChatPromptTemplate.from_template("Write one SQLite query over tickets(id, status, opened) for: {q}") | llm | StrOutputParser()
    sql = chain.invoke({"q": question})
    return db.execute(sql).fetchall()


def chart(question: str):
    code = llm.invoke(f"Write matplotlib code that charts: {question}").content
    exec(code)


def diagnose(symptom: str):
    command = llm.invoke(f"One shell command that diagnoses: {symptom}").content
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout
