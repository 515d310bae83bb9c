from langchain_experimental.agents import create_pandas_dataframe_agent, create_csv_agent
from langchain_experimental.tools import PythonREPLTool, PythonAstREPLTool
from langchain_experimental.utilities import PythonREPL
from langchain_community.tools import ShellTool
from langchain_community.agent_toolkits import RequestsToolkit
from langchain_community.agent_toolkits.load_tools import load_tools
from langchain_community.utilities.requests import TextRequestsWrapper
from langchain.agents import initialize_agent
from langchain_experimental.agents.agent_toolkits.python.base import create_python_agent
from llama_index.experimental.query_engine import PandasQueryEngine
from autogen.coding import LocalCommandLineCodeExecutor, DockerCommandLineCodeExecutor
from langchain_openai import ChatOpenAI

llm = ChatOpenAI()

# ruleid: MLS506
agent = create_pandas_dataframe_agent(llm, df, allow_dangerous_code=True)

agent = create_csv_agent(
    llm,
    "sales.csv",
    # ruleid: MLS506
    allow_dangerous_code=True,
)

# ruleid: MLS506
toolkit = RequestsToolkit(requests_wrapper=TextRequestsWrapper(headers={}), allow_dangerous_requests=True)

# ruleid: MLS506
tools = [ShellTool(), PythonREPLTool()]

# ruleid: MLS506
repl = PythonAstREPLTool(locals={"df": df})

# ruleid: MLS506
python = PythonREPL()

# ruleid: MLS506
tools = load_tools(["terminal", "llm-math"], llm=llm)

tools = load_tools(
    [
        "wikipedia",
        # ruleid: MLS506
        "python_repl",
    ],
    llm=llm,
)

# ruleid: MLS506
engine = PandasQueryEngine(df=df, verbose=True)

# ruleid: MLS506
executor = LocalCommandLineCodeExecutor(work_dir="coding")

# ruleid: MLS506
python_agent = create_python_agent(llm=llm, tool=PythonREPLTool())

import langchain_community

# ruleid: MLS506
written_out = langchain_community.tools.ShellTool()

# ok: MLS506
agent = create_pandas_dataframe_agent(llm, df, allow_dangerous_code=False)

# ok: MLS506
agent = create_pandas_dataframe_agent(llm, df)

# ok: MLS506
tools = load_tools(["wikipedia", "llm-math"], llm=llm)

# ok: MLS506
executor = DockerCommandLineCodeExecutor(image="python:3.12-slim")

# ok: MLS506
agent = initialize_agent(tools, llm, agent="zero-shot-react-description")


from langchain.chains import PALChain
from langchain_experimental.pal_chain import PALChain as ExperimentalPALChain


class LastValueREPLTool(PythonAstREPLTool):
    """Returns the value of the last expression too."""


def math_chains(llm):
    # ruleid: MLS506
    legacy = PALChain.from_math_prompt(llm, verbose=True)
    # ok: MLS506
    refused = ExperimentalPALChain.from_math_prompt(llm, verbose=True)
    return legacy, refused


def repl_tools():
    # ruleid: MLS506
    return [LastValueREPLTool()]


def make_agent(llm, df, allow_code=True):
    # ruleid: MLS506
    return create_pandas_dataframe_agent(llm, df, allow_dangerous_code=allow_code)


import autogen
from autogen import AssistantAgent, UserProxyAgent

assistant = AssistantAgent("assistant", llm_config={"model": "gpt-4o"})
# ruleid: MLS506
runner = UserProxyAgent("runner", human_input_mode="NEVER", code_execution_config={"work_dir": "coding", "use_docker": False})

local_config = {
    "work_dir": "scratch",
    # ruleid: MLS506
    "use_docker": False,
}
proxy = autogen.UserProxyAgent("proxy", code_execution_config=local_config)

# ok: MLS506
boxed = UserProxyAgent("boxed", code_execution_config={"work_dir": "coding", "use_docker": True})

# ok: MLS506
silent = UserProxyAgent("silent", code_execution_config=False)

# ok: MLS506
settings = {"use_docker": False}


SHELL_TOOLS = ["terminal", "llm-math"]


def tool_names():
    return [
        "python_repl",
        "wikipedia",
    ]


def search_tools():
    return ["ddg-search"]


def pick_tools(safe):
    if safe:
        return ["wikipedia"]
    return ["terminal"]


def build_agents(llm):
    # ruleid: MLS506
    a = load_tools(SHELL_TOOLS, llm=llm)
    # ruleid: MLS506
    b = load_tools(tool_names=tool_names(), llm=llm)
    # ok: MLS506
    c = load_tools(search_tools(), llm=llm)
    # ok: MLS506
    d = load_tools(pick_tools(True), llm=llm)
    return a, b, c, d
