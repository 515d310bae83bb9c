"""Text-to-SQL helper for the analytics team: the model writes the query, we run it."""
import json
import sqlite3

import psycopg2
from openai import OpenAI
from sqlalchemy import create_engine, text

client = OpenAI()
db = sqlite3.connect("analytics.db")
warehouse = create_engine("postgresql+psycopg2://analyst@localhost/dw")

SCHEMA = "orders(order_id, customer_id, total, created_at), customers(customer_id, region)"


def ask(question):
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": f"Write one SQLite query for this schema: {SCHEMA}. Reply with SQL only."},
            {"role": "user", "content": question},
        ],
        max_tokens=300,
    )
    return resp.choices[0].message.content.strip().strip("`")


def run_generated(question):
    sql = ask(question)
    cur = db.cursor()
    # ruleid: MLS503
    cur.execute(sql)
    return cur.fetchall()


def run_filtered(question):
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": f"Which region does this ask about? {question}"}], max_tokens=20)
    region = resp.choices[0].message.content
    cur = db.cursor()
    # ruleid: MLS503
    cur.execute(f"SELECT SUM(total) FROM orders JOIN customers USING (customer_id) WHERE region = '{region}'")
    return cur.fetchone()


def run_filtered_safely(question):
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": f"Which region does this ask about? {question}"}], max_tokens=20)
    region = resp.choices[0].message.content
    cur = db.cursor()
    # ok: MLS503
    cur.execute("SELECT SUM(total) FROM orders JOIN customers USING (customer_id) WHERE region = ?", (region,))
    return cur.fetchone()


def run_structured(question):
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}], response_format={"type": "json_object"}, max_tokens=200)
    args = json.loads(resp.choices[0].message.content)
    with warehouse.connect() as conn:
        # ruleid: MLS503
        rows = conn.execute(text("SELECT * FROM orders WHERE customer_id = %s" % args["customer_id"])).fetchall()
        # ok: MLS503
        rows2 = conn.execute(text("SELECT * FROM orders WHERE customer_id = :cid"), {"cid": int(args["customer_id"])}).fetchall()
    return rows, rows2


def report(question):
    sql = ask(question)
    with psycopg2.connect("dbname=dw") as conn, conn.cursor() as cur:
        # ruleid: MLS503
        cur.execute("EXPLAIN " + sql)
        plan = cur.fetchall()
        # ok: MLS503
        cur.execute("SELECT count(*) FROM orders")
        # ok: MLS503
        cur.execute("INSERT INTO audit(question, sql) VALUES (%s, %s)", (question, sql))
    return plan


def static_report():
    cur = db.cursor()
    table = "orders"
    # ok: MLS503
    cur.execute(f"SELECT COUNT(*) FROM {table}")
    return cur.fetchone()
