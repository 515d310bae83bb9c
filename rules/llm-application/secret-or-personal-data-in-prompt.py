import logging
import os

import pandas as pd
from openai import OpenAI
from langchain_openai import ChatOpenAI

log = logging.getLogger(__name__)
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
llm = ChatOpenAI(model="gpt-4o-mini")
db_password = os.environ["DB_PASSWORD"]


def summarize_customer(row):
    prompt = f"Write a renewal e-mail to {row['email']} about their plan."
    # ruleid: MLS508
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])


def debug_connection(error):
    # ruleid: MLS508
    return llm.invoke(f"Why does this fail? postgres://app:{db_password}@db/app {error}")


def key_in_system(question):
    api_key = os.getenv("STRIPE_API_KEY")
    # ruleid: MLS508
    return client.responses.create(model="gpt-4.1", instructions=f"Use key {api_key} for lookups", input=question)


def history(user, question):
    messages = []
    # ruleid: MLS508
    messages.append({"role": "user", "content": f"My date of birth is {user.date_of_birth}. {question}"})
    return client.chat.completions.create(model="gpt-4o", messages=messages)


def logged_with_completion(user, question):
    answer = llm.invoke(question).content
    # ruleid: MLS508
    log.info("answer for %s: %s", user.email, answer)
    # ok: MLS508
    log.info("answer for %s: %s", user.customer_ref, answer)


def client_configuration(question):
    # ok: MLS508
    other = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
    # ok: MLS508
    return other.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}], max_tokens=100)


def opaque_reference(row):
    prompt = f"Write a renewal e-mail for customer {row['customer_ref']}."
    # ok: MLS508
    return llm.invoke(prompt)


def token_budget(question, max_tokens):
    # ok: MLS508
    return llm.invoke(f"Answer in at most {max_tokens} tokens: {question}")


df = pd.read_csv("customers.csv")

notes = df["ssn"].tolist()

# ruleid: MLS508
reply = llm.invoke(f"Check these numbers: {notes}")
