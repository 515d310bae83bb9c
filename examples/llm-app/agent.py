"""An analyst agent over the ticket export."""
import pandas as pd
from langchain_community.tools import ShellTool
from langchain_experimental.agents import create_pandas_dataframe_agent
from langchain_openai import ChatOpenAI

llm = ChatOpenAI(model="gpt-4o-mini", max_tokens=800)
tickets = pd.read_csv("tickets.csv")

analyst = create_pandas_dataframe_agent(llm, tickets, allow_dangerous_code=True, extra_tools=[ShellTool()])
