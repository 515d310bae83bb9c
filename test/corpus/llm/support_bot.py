"""Drafts replies to support tickets; logs each exchange for review."""
import logging
import os

import pandas as pd
from openai import OpenAI
from flask import Flask, request

log = logging.getLogger("support_bot")
client = OpenAI()
app = Flask(__name__)
STRIPE_KEY = os.environ["STRIPE_SECRET_KEY"]
DB_PASSWORD = os.environ["DB_PASSWORD"]
customers = pd.read_csv("data/customers.csv", usecols=["customer_id", "name", "email", "phone", "plan"])


def draft(ticket):
    row = customers.loc[customers.customer_id == ticket["customer_id"]].iloc[0]
    messages = [
        {"role": "system", "content": "You draft polite replies to support tickets."},
        # ruleid: MLS508
        {"role": "user", "content": f"Customer {row['name']} ({row['email']}, {row['phone']}) on plan {row['plan']} writes: {ticket['body']}"},
    ]
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=messages, max_tokens=400)
    reply = resp.choices[0].message.content
    # ruleid: MLS508
    log.info("ticket %s from %s: %s", ticket["id"], row["email"], reply)
    # ok: MLS508
    log.info("ticket %s drafted (%d chars)", ticket["id"], len(reply))
    return reply


def draft_minimal(ticket):
    row = customers.loc[customers.customer_id == ticket["customer_id"]].iloc[0]
    # ok: MLS508
    prompt = f"A customer on plan {row['plan']} writes: {ticket['body']}"
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], max_tokens=400)
    return resp.choices[0].message.content


def debug_billing(ticket):
    # ruleid: MLS508
    prompt = f"Our Stripe key is {STRIPE_KEY}. Explain why charge {ticket['charge_id']} failed."
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], max_tokens=300).choices[0].message.content


def debug_db(error):
    # ruleid: MLS508
    content = "Connection with password " + DB_PASSWORD + " failed with: " + error
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": content}], max_tokens=300).choices[0].message.content


def debug_db_redacted(error):
    # ok: MLS508
    content = "Connection failed with: " + error.replace(DB_PASSWORD, "***")
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": content}], max_tokens=300).choices[0].message.content


@app.route("/draft", methods=["POST"])
def draft_endpoint():
    ticket = request.get_json()
    # ruleid: MLS509
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": ticket["body"]}])
    # ok: MLS508
    log.info("drafted reply for ticket %s", ticket["id"])
    return {"draft": resp.choices[0].message.content}


@app.route("/classify", methods=["POST"])
def classify():
    ticket = request.get_json()
    # ok: MLS509
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Label: billing, bug or other. " + ticket["body"]}], max_completion_tokens=5)
    return {"label": resp.choices[0].message.content}


def nightly_summary(tickets):
    # ok: MLS509
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "\n".join(t["body"] for t in tickets)}])
    return resp.choices[0].message.content
