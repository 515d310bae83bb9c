import json
import sqlite3

import pandas as pd
import sqlalchemy
from sqlalchemy import text
from langchain_openai import ChatOpenAI
from langchain.chains import create_sql_query_chain

llm = ChatOpenAI(model="gpt-4o")
conn = sqlite3.connect("shop.db")


def text_to_sql(question, db):
    chain = create_sql_query_chain(llm, db)
    sql = chain.invoke({"question": question})
    cursor = conn.cursor()
    # ruleid: MLS503
    cursor.execute(sql)


def formatted_filter(question):
    status = llm.invoke(f"Which status does this ask for? {question}").content
    # ruleid: MLS503
    conn.execute(f"SELECT * FROM orders WHERE status = '{status}'")


def percent_formatted(question):
    table = llm.invoke(question).content
    query = "SELECT count(*) FROM %s" % table
    # ruleid: MLS503
    conn.executescript(query)


def format_method(question, engine):
    column = llm.invoke(question).content
    with engine.connect() as c:
        # ruleid: MLS503
        c.execute(text("SELECT {} FROM users".format(column)))


def pandas_read_sql(question):
    sql = llm.invoke(question).content
    # ruleid: MLS503
    return pd.read_sql(sql, conn)


def parameterized(question):
    status = llm.invoke(question).content
    # ok: MLS503
    conn.execute("SELECT * FROM orders WHERE status = ?", (status,))


def fixed_query(question):
    llm.invoke(question)
    # ok: MLS503
    conn.execute("SELECT 1")


def user_sql_not_from_model(sql):
    # ok: MLS503
    conn.execute(sql)


def sql_database_run(question):
    from langchain_community.utilities import SQLDatabase
    db = SQLDatabase.from_uri("sqlite:///shop.db")
    query = llm.invoke(question).content
    # ruleid: MLS503
    return db.run(query)


def response_passed_in(cursor, resp):
    # ruleid: MLS503
    cursor.execute(resp.choices[0].message.content)


reply = llm.invoke("SQL for the top customers")

# ruleid: MLS503
rows = conn.execute(reply.content).fetchall()


# Tools: the model chooses their arguments.
from langchain.tools import Tool


def run_sqlite_query(query):
    cursor = conn.cursor()
    # ruleid: MLS503
    cursor.execute(query)
    return cursor.fetchall()


def describe_tables(table_names):
    tables = ", ".join("'" + t + "'" for t in table_names)
    # ruleid: MLS503
    return conn.execute(f"SELECT sql FROM sqlite_master WHERE name IN ({tables})").fetchall()


def lookup_order(order_id):
    # ok: MLS503
    return conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchall()


run_query_tool = Tool.from_function(name="run_sqlite_query", description="Run a query", func=run_sqlite_query)
describe_tool = Tool(name="describe_tables", func=describe_tables, description="Describe tables")
order_tool = Tool.from_function(name="lookup_order", description="Find an order", func=lookup_order)


# The file's own functions, reported where the model's SQL is passed in.
def execute_query(cursor, query):
    cursor.execute(query)
    return cursor.fetchmany(10)


def text_to_sql(question):
    sql = llm.invoke(f"Write SQLite for: {question}").content
    cursor = conn.cursor()
    # ruleid: MLS503
    execute_query(cursor, sql)
    # ok: MLS503
    execute_query(cursor, "SELECT count(*) FROM orders")


from langchain_community.utilities import SQLDatabase


def answer_from_database(question: str, db: SQLDatabase):
    sql_query = ChatOpenAI().invoke(f"Write SQL for: {question}").content
    # ruleid: MLS503
    return db.run(sql_query)


def answer_from_runner(question: str, runner: "QueryRunner"):
    sql_query = ChatOpenAI().invoke(f"Write SQL for: {question}").content
    # ok: MLS503
    return runner.run(sql_query)


# A LangChain database returned beside its chain, and DuckDB connections known by their annotation.
import duckdb


def build_chain():
    database = SQLDatabase.from_uri("sqlite:///shop.db")
    return create_sql_query_chain(ChatOpenAI(), database), database


def ask_shop(question):
    chain, db = build_chain()
    statement = chain.invoke({"question": question})
    # ruleid: MLS503
    return db.run(statement)


def ask_shop_fixed(question, runner):
    chain, db = build_chain()
    # ok: MLS503
    return runner.run(chain.invoke({"question": question}))


def show(con: duckdb.DuckDBPyConnection, sql: str):
    # ok: MLS503
    return con.sql(sql).df()


def duck_answer(con: duckdb.DuckDBPyConnection, question):
    statement = ChatOpenAI().invoke(question).content
    # ruleid: MLS503
    con.sql(statement)
    # ok: MLS503
    con.sql("SELECT count(*) FROM orders WHERE status = ?", params=[statement])
    # ruleid: MLS503
    show(con, statement)


class EventAnalyst:
    def __init__(self, path):
        self.con = duckdb.connect(path)

    def ask(self, question):
        sql = llm.invoke(f"DuckDB SQL for: {question}").content
        # ruleid: MLS503
        return self.con.sql(sql).df()

    def daily(self):
        # ok: MLS503
        return self.con.sql("SELECT day, count(*) FROM events GROUP BY 1").df()


def triage(ticket_id, body):
    data = json.loads(llm.invoke(f"Classify as JSON: {body}").content)
    return {"id": ticket_id, **data}


def tag(ticket_id, body):
    result = triage(ticket_id, body)
    # ruleid: MLS503
    conn.execute("UPDATE tickets SET tag = '" + result["category"] + "' WHERE id = ?", (ticket_id,))
