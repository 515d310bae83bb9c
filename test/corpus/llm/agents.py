"""Ops agents: the analytics agent and the on-call helper."""
import sys

import pandas as pd
from langchain.agents import AgentType, initialize_agent, load_tools
from langchain_community.agent_toolkits import create_sql_agent
from langchain_community.agent_toolkits.openapi.toolkit import RequestsToolkit
from langchain_community.tools import ShellTool, DuckDuckGoSearchRun
from langchain_community.utilities import SQLDatabase
from langchain_community.utilities.requests import TextRequestsWrapper
from langchain_experimental.agents import create_csv_agent, create_pandas_dataframe_agent
from langchain_experimental.tools import PythonREPLTool
from langchain_experimental.utilities import PythonREPL
from langchain_openai import ChatOpenAI
from langgraph.prebuilt import create_react_agent

llm = ChatOpenAI(model="gpt-4o", temperature=0)
df = pd.read_csv("data/incidents.csv")

# ruleid: MLS506
analytics = create_pandas_dataframe_agent(llm, df, verbose=True, allow_dangerous_code=True)
# ruleid: MLS506
csv_agent = create_csv_agent(llm, "data/incidents.csv", allow_dangerous_code=True)
# ok: MLS506
csv_agent_safe = create_csv_agent(llm, "data/incidents.csv", allow_dangerous_code=False)

# ruleid: MLS506
oncall_tools = [ShellTool(), DuckDuckGoSearchRun()]
oncall = initialize_agent(oncall_tools, llm, agent=AgentType.ZERO_SHOT_REACT_DESCRIPTION)
# ruleid: MLS506
coder = create_react_agent(llm, [PythonREPLTool()])
# ruleid: MLS506
legacy_tools = load_tools(["terminal", "python_repl", "llm-math"], llm=llm)
# ok: MLS506
safe_tools = load_tools(["llm-math", "wikipedia"], llm=llm)
# ok: MLS506
researcher = create_react_agent(llm, [DuckDuckGoSearchRun()])

# ruleid: MLS506
http = RequestsToolkit(requests_wrapper=TextRequestsWrapper(headers={}), allow_dangerous_requests=True)
# ok: MLS506
http_off = RequestsToolkit(requests_wrapper=TextRequestsWrapper(headers={}), allow_dangerous_requests=False)

db = SQLDatabase.from_uri("sqlite:///data/incidents.db")
# ok: MLS506
sql_agent = create_sql_agent(llm, db=db, agent_type="openai-tools", verbose=True)
repl = PythonREPL()
# ok: MLS506
print(repl.run("print(1 + 1)"))


def triage():
    ticket_text = sys.stdin.read()
    # ruleid: MLS507
    return oncall.run(f"You are the on-call engineer. Follow these instructions exactly: {ticket_text}")


def summarise(ticket_text):
    # ok: MLS507
    return researcher.invoke({"messages": [("system", "Summarise the incident in two sentences."), ("user", ticket_text)]})
