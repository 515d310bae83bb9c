"""A small 'ask the data' tool: the model answers with Python or shell, which we run."""
import ast
import json
import os
import shlex
import subprocess

import anthropic
import litellm
from langchain_openai import ChatOpenAI
from transformers import pipeline

claude = anthropic.Anthropic()
llm = ChatOpenAI(model="gpt-4o-mini", temperature=0)
generator = pipeline("text-generation", model="./models/tiny-coder")


def claude_code(task):
    msg = claude.messages.create(model="claude-3-5-sonnet-latest", max_tokens=1024, messages=[{"role": "user", "content": f"Write Python for: {task}. Code only."}])
    return msg.content[0].text


def run_python(task, df):
    code = claude_code(task)
    scope = {"df": df}
    # ruleid: MLS501
    exec(code, scope)
    return scope.get("result")


def evaluate_expression(question):
    answer = llm.invoke(f"Give a Python arithmetic expression for: {question}").content
    # ruleid: MLS501
    return eval(answer)


def evaluate_literal(question):
    answer = llm.invoke(f"Give a Python list literal for: {question}").content
    # ok: MLS501
    return ast.literal_eval(answer)


def compile_snippet(task):
    out = generator(f"# {task}\n", max_new_tokens=128)[0]["generated_text"]
    # ruleid: MLS501
    return compile(out, "<generated>", "exec")


def run_shell(task):
    cmd = claude_code(f"a bash one-liner that {task}")
    # ruleid: MLS502
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout


def run_shell_os(task):
    cmd = litellm.completion(model="gpt-4o-mini", messages=[{"role": "user", "content": task}], max_tokens=64).choices[0].message.content
    # ruleid: MLS502
    os.system(cmd)


def list_files(task):
    reply = json.loads(claude_code(f"Return JSON with a 'directory' key for: {task}"))
    directory = reply["directory"]
    # ruleid: MLS502
    return os.popen(f"ls -la {directory}").read()


def list_files_safely(task):
    reply = json.loads(claude_code(f"Return JSON with a 'directory' key for: {task}"))
    directory = reply["directory"]
    if directory not in {"data", "reports"}:
        raise ValueError(directory)
    # ok: MLS502
    return subprocess.run(["ls", "-la", directory], capture_output=True, text=True).stdout


def git_log():
    # ok: MLS502
    return subprocess.run("git log --oneline -n 5", shell=True, capture_output=True, text=True).stdout


def grep_for(task):
    pattern = llm.invoke(f"A grep pattern for: {task}").content
    # ruleid: MLS502
    return subprocess.check_output(f"grep -rn {pattern} docs/", shell=True, text=True)


def grep_quoted(task):
    pattern = llm.invoke(f"A grep pattern for: {task}").content
    # ok: MLS502
    return subprocess.check_output(["grep", "-rn", "--", pattern, "docs/"], text=True)


def eval_config():
    # ok: MLS501
    return eval("1 + 1")


def show(task):
    code = claude_code(task)
    # ok: MLS501
    print(code)
    # ok: MLS502
    subprocess.run(["python", "-m", "black", "-"], input=code, text=True, check=False)
    return shlex.quote(code)
