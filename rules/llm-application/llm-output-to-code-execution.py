import json
import re

import anthropic
import openai
from openai import OpenAI, AzureOpenAI
from anthropic import Anthropic as Claude
from langchain_openai import ChatOpenAI
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from transformers import pipeline
import litellm

client = OpenAI()
azure = AzureOpenAI(api_version="2024-06-01")
claude = Claude()
llm = ChatOpenAI(model="gpt-4o-mini")


def openai_chat(messages):
    reply = client.chat.completions.create(model="gpt-4o", messages=messages)
    code = reply.choices[0].message.content
    # ruleid: MLS501
    exec(code)


def azure_inline(messages):
    # ruleid: MLS501
    return eval(azure.chat.completions.create(model="gpt-4o", messages=messages).choices[0].message.content)


def responses_api(question):
    out = client.responses.create(model="gpt-4.1", input=question).output_text
    # ruleid: MLS501
    compiled = compile(out, "<llm>", "exec")
    return compiled


def legacy_completion(prompt):
    text = openai.Completion.create(model="davinci", prompt=prompt)["choices"][0]["text"]
    # ruleid: MLS501
    exec(text)


def anthropic_reply(question):
    message = claude.messages.create(model="claude-sonnet-4-5", max_tokens=1024, messages=[{"role": "user", "content": question}])
    answer = message.content[0].text
    program = f"result = {answer}"
    # ruleid: MLS501
    exec(program, {})


def anthropic_module_client(question):
    c = anthropic.Anthropic()
    msg = c.messages.create(model="claude-sonnet-4-5", max_tokens=512, messages=[{"role": "user", "content": question}])
    # ruleid: MLS501
    eval(msg.content[0].text.strip())


def langchain_model(question):
    code = llm.invoke(question).content
    # ruleid: MLS501
    exec(code)


def lcel_chain(question):
    chain = ChatPromptTemplate.from_template("Write Python: {q}") | llm | StrOutputParser()
    code = chain.invoke({"q": question})
    match = re.search(r"```python\n(.*?)```", code, re.S)
    # ruleid: MLS501
    exec(match.group(1))


def json_payload(question):
    data = json.loads(llm.invoke(question).content)
    # ruleid: MLS501
    eval(data["expression"])


def hf_pipeline(prompt):
    generator = pipeline("text-generation", model="gpt2")
    generated = generator(prompt, max_new_tokens=64)[0]["generated_text"]
    # ruleid: MLS501
    exec(generated)


def litellm_completion(prompt):
    response = litellm.completion(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
    # ruleid: MLS501
    exec(response.choices[0].message.content)


def extract_code(text):
    return text.split("```")[1]


def through_local_helper(prompt):
    raw = llm.invoke(prompt).content
    # ruleid: MLS501
    exec(extract_code(raw))


class Agent:
    def __init__(self):
        self.client = OpenAI()

    def step(self, messages):
        reply = self.client.chat.completions.create(model="gpt-4o", messages=messages)
        self.last = reply.choices[0].message.content
        # ruleid: MLS501
        exec(self.last)


def lines_of_reply(prompt):
    for line in llm.invoke(prompt).content.splitlines():
        # ruleid: MLS501
        exec(line)


def reassigned_in_branch(prompt, trusted):
    code = llm.invoke(prompt).content
    if trusted:
        code = "print('fixed')"
    # ruleid: MLS501
    exec(code)


def reassigned(prompt):
    code = llm.invoke(prompt).content
    code = "print('fixed')"
    # ok: MLS501
    exec(code)


def literal_eval_is_data(prompt):
    import ast
    value = ast.literal_eval(llm.invoke(prompt).content)
    # ok: MLS501
    eval(str(value))


def not_from_a_model(path):
    with open(path) as f:
        source = f.read()
    # ok: MLS501
    exec(source)


def parameter_not_followed(code):
    # ok: MLS501
    exec(code)


def sentiment(text):
    classifier = pipeline("sentiment-analysis")
    label = classifier(text)[0]["label"]
    # ok: MLS501
    eval(f"'{label}'")


def prompt_template_not_output(question):
    prompt = ChatPromptTemplate.from_template("{q}").invoke({"q": question})
    # ok: MLS501
    exec(prompt.to_string())


def length_only(prompt):
    n = len(llm.invoke(prompt).content)
    # ok: MLS501
    eval(f"{n} + 1")


def response_from_caller(resp):
    # ruleid: MLS501
    exec(resp.choices[0].message.content)


def chain_from_caller(qa_chain, question):
    answer = qa_chain.invoke({"query": question})
    # ruleid: MLS501
    return eval(answer["result"])


def streamed(stream):
    for chunk in stream:
        # ruleid: MLS501
        exec(chunk.choices[0].delta.content)


def repl_wrapper(question):
    from langchain_experimental.utilities import PythonREPL
    code = llm.invoke(question).content
    # ruleid: MLS501
    return PythonREPL().run(code)


def scikit_model_not_a_chain(model, features):
    label = model.predict(features)
    # ok: MLS501
    eval(f"{label}")


def history_dict_not_a_response(messages):
    # ok: MLS501
    exec(messages[-1]["content"])


def responses_from_caller(resp):
    # ruleid: MLS501
    exec(resp.output_text)


def anthropic_client_from_caller(client, question):
    msg = client.messages.create(model="claude-sonnet-4-5", max_tokens=512, messages=[{"role": "user", "content": question}])
    for block in msg.content:
        # ruleid: MLS501
        exec(block.text)


def tool_call_arguments(call):
    args = json.loads(call.function.arguments)
    # ruleid: MLS501
    exec(args["code"])


def twilio_like_messages(client):
    sms = client.messages.create(body="hi", to="+15550100", from_="+15550101")
    # ok: MLS501
    eval(repr(sms.sid))


reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Python for a histogram"}])

snippet = reply.choices[0].message.content

# ruleid: MLS501
exec(snippet)

snippet = "print(1)"

# ok: MLS501
exec(snippet)


def ask(question):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])
    return reply.choices[0].message.content


def ask_and_run(question):
    code = ask(question)
    # ruleid: MLS501
    exec(code)


def house_rules():
    return "x = 1"


def run_house_rules():
    # ok: MLS501
    exec(house_rules())


class Assistant:
    def complete(self, prompt):
        return claude.messages.create(model="claude-3-5-haiku-latest", max_tokens=512, messages=[{"role": "user", "content": prompt}]).content[0].text

    def calculate(self, expression):
        # ruleid: MLS501
        return eval(self.complete(f"Compute {expression}; answer with a Python expression"))

    def greeting(self):
        return "print('hello')"

    def greet(self):
        # ok: MLS501
        exec(self.greeting())


# Tools: the model chooses their arguments.
from langchain_core.tools import tool, Tool, StructuredTool
from langchain.agents import tool as agent_tool
from llama_index.core.tools import FunctionTool
from agents import function_tool
from crewai.tools import tool as crew_tool
from semantic_kernel.functions import kernel_function
from mcp.server.fastmcp import FastMCP
import autogen
from openai_helper import OpenAIFunctionCall
from plugin_registry import Registry

mcp = FastMCP("calculator")
user_proxy = autogen.UserProxyAgent("user_proxy")
functions = OpenAIFunctionCall()
plugins = Registry()


@tool
def python_tool(code: str) -> str:
    """Run Python."""
    # ruleid: MLS501
    exec(code)
    return "done"


@tool("calculator", return_direct=True)
def calculator(expression: str, config=None) -> str:
    """Evaluate an arithmetic expression."""
    # ruleid: MLS501
    value = eval(expression)
    # ok: MLS501
    eval(config)
    return str(value)


@agent_tool
def agent_python(source):
    """Run Python."""
    # ruleid: MLS501
    return eval(compile(source, "<tool>", "exec"))


@function_tool
def sdk_tool(snippet: str) -> str:
    # ruleid: MLS501
    exec(snippet)
    return "ok"


@crew_tool("Run code")
def crew_code(snippet: str) -> str:
    """Run code."""
    # ruleid: MLS501
    exec(snippet)
    return "ok"


class MathPlugin:
    @kernel_function(description="Evaluate")
    def evaluate(self, expression: str) -> str:
        # ruleid: MLS501
        return str(eval(expression))


@mcp.tool()
def mcp_eval(expression: str) -> str:
    # ruleid: MLS501
    return str(eval(expression))


@user_proxy.register_for_execution()
def autogen_exec(code: str) -> str:
    # ruleid: MLS501
    exec(code)
    return "ok"


@functions.register
def registered_exec(code: str) -> str:
    # ruleid: MLS501
    exec(code)
    return "ok"


@plugins.register
def not_a_model_tool(code: str) -> str:
    # ok: MLS501
    exec(code)
    return "ok"


def later_tool(code):
    # ruleid: MLS501
    exec(code)


def structured_later(code):
    # ruleid: MLS501
    return eval(code)


def llama_later(code):
    # ruleid: MLS501
    return eval(code)


def never_a_tool(code):
    # ok: MLS501
    exec(code)


repl_tool = Tool(name="python", func=later_tool, description="Runs Python")
structured_tool = StructuredTool.from_function(structured_later)
llama_tool = FunctionTool.from_defaults(fn=llama_later)
never_a_tool("print(1)")


# The file's own functions: a model's text passed to one that runs it is reported at the call.
def run_snippet(snippet, namespace=None):
    exec(snippet, namespace or {})


def ask_and_run(question):
    answer = llm.invoke(question).content
    # ruleid: MLS501
    run_snippet(answer)
    # ok: MLS501
    run_snippet("print('fixed')", namespace=answer)


def ask_and_run_by_keyword(question):
    # ruleid: MLS501
    run_snippet(snippet=client.chat.completions.create(model="gpt-4o", messages=question).choices[0].message.content)


answer_at_top = llm.invoke("Write Python").content
# ruleid: MLS501
run_snippet(answer_at_top)


class Interpreter:
    def run(self, code):
        exec(code)

    def handle(self, question):
        code = litellm.completion(model="gpt-4o", messages=question).choices[0].message.content
        # ruleid: MLS501
        self.run(code)
        # ok: MLS501
        self.run("print(1)")


# More clients.
import boto3
import ollama
import cohere
import google.generativeai as genai
from mistralai import Mistral
from transformers import AutoModelForCausalLM, AutoTokenizer
from openai import AsyncOpenAI

bedrock = boto3.client("bedrock-runtime")
sagemaker = boto3.client("sagemaker-runtime")
tokenizer = AutoTokenizer.from_pretrained("bigcode/starcoder2-3b", revision="0123456789abcdef0123456789abcdef01234567")
coder = AutoModelForCausalLM.from_pretrained("bigcode/starcoder2-3b", revision="0123456789abcdef0123456789abcdef01234567")
aclient = AsyncOpenAI()


def bedrock_invoke(body):
    response = bedrock.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=body)
    payload = json.loads(response["body"].read())
    # ruleid: MLS501
    exec(payload["content"][0]["text"])


def bedrock_converse(self_client, messages):
    response = self_client.converse(modelId="amazon.nova-lite-v1:0", messages=messages)
    # ruleid: MLS501
    exec(response["output"]["message"]["content"][0]["text"])


def sagemaker_endpoint(body):
    result = sagemaker.invoke_endpoint(EndpointName="coder", Body=body)
    # ruleid: MLS501
    exec(json.loads(result["Body"].read())[0]["generated_text"])


def local_generate(prompt):
    inputs = tokenizer(prompt, return_tensors="pt")
    output = coder.generate(**inputs, max_new_tokens=256)
    text = tokenizer.decode(output[0], skip_special_tokens=True)
    # ruleid: MLS501
    exec(text)
    # ruleid: MLS501
    exec(tokenizer.batch_decode(output)[0])
    # ok: MLS501
    exec(tokenizer.decode([1, 2, 3]))


def streamed(messages):
    stream = client.chat.completions.create(model="gpt-4o", messages=messages, stream=True)
    code = ""
    for chunk in stream:
        code += chunk.choices[0].delta.content or ""
    # ruleid: MLS501
    exec(code)


def anthropic_stream(messages):
    text = ""
    with claude.messages.stream(model="claude-3-5-haiku-latest", max_tokens=512, messages=messages) as stream:
        for part in stream.text_stream:
            text += part
    # ruleid: MLS501
    exec(text)


def local_models(prompt):
    # ruleid: MLS501
    exec(ollama.chat(model="llama3", messages=[{"role": "user", "content": prompt}])["message"]["content"])
    # ruleid: MLS501
    exec(ollama.generate(model="llama3", prompt=prompt)["response"])
    # ruleid: MLS501
    exec(genai.GenerativeModel("gemini-1.5-flash").generate_content(prompt).text)
    # ruleid: MLS501
    exec(cohere.ClientV2().chat(model="command-r", messages=prompt).message.content[0].text)
    # ruleid: MLS501
    exec(Mistral(api_key="k").chat.complete(model="codestral-latest", messages=prompt).choices[0].message.content)


async def async_clients(messages):
    reply = await aclient.chat.completions.create(model="gpt-4o", messages=messages)
    # ruleid: MLS501
    exec(reply.choices[0].message.content)
    other = await litellm.acompletion(model="gpt-4o", messages=messages)
    # ruleid: MLS501
    exec(other.choices[0].message.content)


def not_model_text(response):
    # ok: MLS501
    exec(response.text)


ALLOWED_CHARS = set("0123456789+-*/(). ")
KNOWN_EXPRESSIONS = ("1 + 1", "2 * 3")


@tool
def calculator(expression: str) -> str:
    """Evaluate an arithmetic expression."""
    if not all(c in ALLOWED_CHARS for c in expression.replace(" ", "")):
        return "Error: only digits and operators"
    # ok: MLS501
    return str(eval(expression, {"__builtins__": {}}, {}))


@tool
def known_calculation(expression: str) -> str:
    """Evaluate one of the known expressions."""
    if expression not in KNOWN_EXPRESSIONS:
        raise ValueError("unknown expression")
    # ok: MLS501
    return str(eval(expression))


@tool
def pattern_calculation(expression: str) -> str:
    """Evaluate an expression of digits and operators."""
    if not re.fullmatch(r"[0-9+\-*/(). ]+", expression):
        return "Error"
    # ok: MLS501
    return str(eval(expression))


@tool
def nonempty_calculation(expression: str) -> str:
    """Evaluate an expression."""
    if not expression or len(expression) > 200:
        return "Error: empty or too long"
    # ruleid: MLS501
    return str(eval(expression))


@tool
def checked_too_late(expression: str) -> str:
    """Evaluate an expression."""
    # ruleid: MLS501
    result = eval(expression)
    if not all(c in ALLOWED_CHARS for c in expression):
        return "Error"
    return str(result)


def guarded_helper(expression):
    if not all(c in ALLOWED_CHARS for c in expression):
        return "Error"
    return eval(expression)


calculator_tool = Tool(name="calc", func=guarded_helper, description="Arithmetic")


@tool
def parsed_calculation(expression: str) -> str:
    """Evaluate an arithmetic expression."""
    try:
        if not all(c in ALLOWED_CHARS for c in expression):
            raise ValueError("unsafe expression")
        # ok: MLS501
        return str(eval(expression))
    except ValueError as e:
        return str(e)


from langchain_core.tools import BaseTool
from langchain_experimental.tools.python.tool import PythonAstREPLTool
from liteagent import tool as lite_tool


class LastValueREPL(PythonAstREPLTool):
    """A Python REPL tool that also returns the last expression's value."""

    def run(self, code: str) -> str:
        local_vars = {}
        # ruleid: MLS501
        exec(code, {}, local_vars)
        return str(local_vars)


class CalculatorTool(BaseTool):
    name: str = "calculator"
    description: str = "Evaluates arithmetic"

    def _run(self, expression: str) -> str:
        # ruleid: MLS501
        return str(eval(expression))

    def explain(self, expression: str) -> str:
        # ok: MLS501
        return str(eval(expression))


@lite_tool(emoji="calc")
def lite_calculator(expression: str) -> str:
    """Evaluate an expression."""
    # ruleid: MLS501
    return eval(expression)


@tool
def blocklisted_calculation(expression: str) -> str:
    """Evaluate an expression."""
    if "import" in expression or any(word in expression for word in ("os", "sys")):
        return "Error: not allowed"
    # ruleid: MLS501
    return str(eval(expression))


@tool
def typed_calculation(expression: str) -> str:
    """Evaluate an expression."""
    if not isinstance(expression, str):
        raise TypeError("expected text")
    # ruleid: MLS501
    return str(eval(expression))


@tool
def prefix_checked_calculation(expression: str) -> str:
    """Evaluate an expression."""
    if not re.match(r"[0-9]", expression):
        return "Error"
    # ruleid: MLS501
    return str(eval(expression))


@tool
def anchored_calculation(expression: str) -> str:
    """Evaluate an expression."""
    if not expression or not re.match(r"^[0-9+*/() -]+$", expression):
        return "Error"
    # ok: MLS501
    return str(eval(expression))


@tool
def leaves_when_valid(expression: str) -> str:
    """Evaluate an expression."""
    if all(c in ALLOWED_CHARS for c in expression):
        return "fine"
    # ruleid: MLS501
    return str(eval(expression))


# A local model server's REST API called with an HTTP client: Ollama's /api/generate and /api/chat.
import requests
import httpx

OLLAMA = "http://localhost:11434"
GENERATE_URL = OLLAMA + "/api/generate"


def ollama_snippet(task):
    reply = requests.post(GENERATE_URL, json={"model": "codellama", "prompt": task, "stream": False})
    code = reply.json()["response"]
    # ruleid: MLS501
    exec(code)


def ollama_chat_snippet(task, host):
    answer = httpx.post(f"{host}/api/chat", json={"model": "llama3", "messages": [{"role": "user", "content": task}]})
    # ruleid: MLS501
    eval(answer.json()["message"]["content"])


def other_service(task):
    status = requests.post("https://ci.example.com/hooks/build", json={"task": task})
    # ok: MLS501
    exec(status.json()["script"])


# The project's own wrapper module (`llm.py` beside this file) and a factory named for it.
import llm
from src.tools.llm import get_llm


def through_project_module(question):
    expression = llm.invoke("Answer with a Python expression only.", question)
    # ruleid: MLS501
    return eval(expression)


def through_project_factory(question):
    chat_llm = get_llm()
    reply = chat_llm.invoke(question)
    # ruleid: MLS501
    return eval(reply.content)


# A function returning a tuple with the model's text, unpacked by its caller.
def generate_plot_code(question):
    reply = OpenAI().chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    return reply.choices[0].message.content, reply.usage.total_tokens


def draw(question):
    code, tokens = generate_plot_code(question)
    # ruleid: MLS501
    exec(code)


import os
import runpy
import tempfile
from pathlib import Path
from IPython import get_ipython


def run_in_kernel(request):
    code = OpenAI().chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": request}]).choices[0].message.content
    # ruleid: MLS501
    get_ipython().run_cell(code)


def run_written_script(task):
    script = OpenAI().chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": task}]).choices[0].message.content
    path = os.path.join(tempfile.gettempdir(), "task.py")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(script)
    # ruleid: MLS501
    return runpy.run_path(path)


def run_written_by_pathlib(task):
    script = OpenAI().chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": task}]).choices[0].message.content
    target = Path("generated.py")
    target.write_text(script)
    # ruleid: MLS501
    runpy.run_path(str(target))


def run_shipped_script(task):
    script = OpenAI().chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": task}]).choices[0].message.content
    path = "steps/setup.py"
    # Opened for reading: the model's text is not written into the file.
    with open(path) as fh:
        print(fh.read(), script)
    # ok: MLS501
    runpy.run_path(path)


def string_of_the_reply(question):
    reply = OpenAI().chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}]).choices[0].message.content
    # ruleid: MLS501
    exec(str(reply))


class PlanningAgent:
    def __init__(self):
        self.llm = ChatOpenAI(model="gpt-4o")
        self.plan = ""
        self.prelude = "import math"

    def think(self, goal):
        self.plan = self.llm.invoke(goal).content

    def act(self):
        # ruleid: MLS501
        exec(self.plan)

    def warm_up(self):
        # ok: MLS501
        exec(self.prelude)


import asyncio
from dataclasses import dataclass as _dataclass

STOP = re.compile(r"\n(def|class|if __name__) ")


def complete(model, tok, prompt):
    inputs = tok(prompt, return_tensors="pt")
    out = model.generate(**inputs, max_new_tokens=256, do_sample=False)
    return STOP.split(tok.decode(out[0], skip_special_tokens=True))[0]


def run_completion(model, tok, prompt):
    # ruleid: MLS501
    exec(prompt + complete(model, tok, prompt))


class LocalWriter:
    def __init__(self):
        self.pipe = pipeline("text-generation", model="Qwen/Qwen2.5-1.5B-Instruct")

    def write(self, task):
        # ruleid: MLS501
        exec(self.pipe(task, max_new_tokens=200)[0]["generated_text"])


@_dataclass
class Snippet:
    code: str


async def write_snippet(task):
    reply = await OpenAI().chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": task}])
    return Snippet(**json.loads(reply.choices[0].message.content))


def run_snippet(task):
    snippet = asyncio.run(write_snippet(task))
    # ruleid: MLS501
    exec(snippet.code)


def run_all(problems):
    outputs = [OpenAI().chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": p}]).choices[0].message.content for p in problems]
    for problem, completion in zip(problems, outputs):
        # ruleid: MLS501
        exec(problem + completion)
