import json
import os
import shlex
import subprocess
from subprocess import run as sh

from openai import OpenAI
from langchain_anthropic import ChatAnthropic

client = OpenAI()
model = ChatAnthropic(model="claude-sonnet-4-5")


def suggest_and_run(task):
    command = model.invoke(f"Shell command to {task}").content
    # ruleid: MLS502
    subprocess.run(command, shell=True)


def os_system(task):
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": task}])
    cmd = reply.choices[0].message.content.strip()
    # ruleid: MLS502
    os.system(cmd)


def popen_formatted(task):
    target = model.invoke(task).content
    # ruleid: MLS502
    os.popen("ls -la %s" % target)


def string_command_without_shell(task):
    program = model.invoke(task).content
    # ruleid: MLS502
    sh(program)


def program_of_a_list(task):
    program = model.invoke(task).content
    # ruleid: MLS502
    subprocess.Popen([program, "--version"])


def check_output_keyword(task):
    line = model.invoke(task).content
    # ruleid: MLS502
    subprocess.check_output(args=line, shell=True)


def fixed_program_with_model_argument(task):
    name = model.invoke(task).content
    # ok: MLS502
    subprocess.run(["git", "log", "--author", name], check=True)


def quoted(task):
    name = model.invoke(task).content
    # ok: MLS502
    os.system("echo " + shlex.quote(name))


def fixed_command(task):
    model.invoke(task)
    # ok: MLS502
    subprocess.run("df -h", shell=True)


def allowlist(task):
    choice = model.invoke(task).content
    commands = {"disk": ["df", "-h"], "uptime": ["uptime"]}
    # ok: MLS502
    subprocess.run(commands.get(choice, ["true"]))


def interpreter_argument(task):
    script = model.invoke(task).content
    # ruleid: MLS502
    subprocess.run(["bash", "-c", script])


def exec_of_a_shell(resp):
    # ruleid: MLS502
    os.execl("/bin/sh", "sh", "-c", resp.choices[0].message.content)


def split_into_argv(task):
    line = model.invoke(task).content
    # ruleid: MLS502
    subprocess.run(shlex.split(line))


def shell_unknown(task, use_shell):
    name = model.invoke(task).content
    # ruleid: MLS502
    subprocess.run(["git", "commit", "-m", name], shell=use_shell)


def running_interpreter(task):
    import sys
    script = model.invoke(task).content
    # ruleid: MLS502
    subprocess.run([sys.executable, "-c", script])


answer = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "a command"}])

# ruleid: MLS502
os.system(answer.choices[0].message.content)


# Tools: the model chooses their arguments.
from mcp.server.fastmcp import FastMCP
from langchain_core.tools import tool, StructuredTool
from llama_index.core.tools import FunctionTool

mcp = FastMCP("shell")


@mcp.tool()
def bash(command: str) -> str:
    # ruleid: MLS502
    return subprocess.check_output(command, shell=True, text=True)


@mcp.tool()
def run_program(argv: list[str]) -> str:
    # ruleid: MLS502
    return subprocess.run(argv, capture_output=True, text=True).stdout


def _git(args):
    # ok: MLS502
    return subprocess.run(["git"] + args, capture_output=True, text=True).stdout


def _python(args):
    # A helper is judged where it is called with model output, not here.
    # ok: MLS502
    return subprocess.run(["python"] + args, capture_output=True, text=True).stdout


@tool
def git_commit(message: str) -> str:
    """Commit with a message."""
    # ok: MLS502
    return _git(["commit", "-m", message])


@tool
def run_script(path: str) -> str:
    """Run a script."""
    # ruleid: MLS502
    return _python([path])


@tool
def write_and_run(code: str) -> str:
    """Write Python to a file and run it."""
    with open("/tmp/snippet.py", "w") as handle:
        handle.write(code)
    # ok: MLS502
    subprocess.run(["python", "/tmp/snippet.py"])
    return "ran"


def list_dir(path):
    # ruleid: MLS502
    return os.popen(f"ls {path}").read()


def fixed_listing():
    # ok: MLS502
    return os.popen("ls /tmp").read()


directory_tool = FunctionTool.from_defaults(fn=list_dir)


# The file's own functions, reported where the model's text is passed in.
def run_command(cmd):
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout


def suggest_and_run(task):
    suggestion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": task}]).choices[0].message.content
    # ruleid: MLS502
    run_command(suggestion)
    # ok: MLS502
    run_command("uptime")


@tool
def python_file(code: str) -> str:
    """Run Python from a temporary file."""
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as temp:
        temp.write(code)
    # ruleid: MLS502
    return subprocess.check_output(["python", temp.name], text=True)


# The Ollama command line run as a subprocess: its output is the model's answer.
def ollama_cli(task):
    argv = ["ollama", "run", "llama3", f"Write one shell command that does this: {task}"]
    # ok: MLS502
    result = subprocess.run(argv, capture_output=True, text=True)
    command = first_line(result.stdout)
    # ruleid: MLS502
    subprocess.run(command, shell=True)


def first_line(text):
    return text.strip().splitlines()[0]


def other_cli(task):
    result = subprocess.run(["git", "log", "-1", "--format=%s"], capture_output=True, text=True)
    # ok: MLS502
    subprocess.run(["echo", result.stdout])


# A helper that passes its parameter on to another helper that runs it: reported where the model's text goes in.
def execute(command):
    return subprocess.run(command, shell=True, capture_output=True, text=True)


def confirm_then_execute(command):
    if input(f"Run {command}? [y/N] ") == "y":
        return execute(command)
    return None


def log_and_confirm(command, logger):
    logger.info(command)
    return confirm_then_execute(command)


def assistant(task, logger):
    suggestion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": task}]).choices[0].message.content
    # ruleid: MLS502
    confirm_then_execute(suggestion)
    # ruleid: MLS502
    log_and_confirm(suggestion, logger)
    # ok: MLS502
    log_and_confirm("uptime", logger)


# A function a decorator exposes to the model (ChatLab's `@expose_exception_to_llm`): its arguments are the model's.
import functools
from chatlab.decorators import expose_exception_to_llm


@expose_exception_to_llm
def chat_shell(command: str):
    # ruleid: MLS502
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout


@functools.lru_cache
def cached_shell(command: str):
    # ok: MLS502
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout


from langchain_ollama import ChatOllama


def run_on_shell(command):
    """Runs a command on the linux shell and returns its output."""
    # ruleid: MLS502
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout


def describe(path):
    """Says what a file is."""
    # ok: MLS502
    return subprocess.run(["file", "--", path], capture_output=True, text=True).stdout


shell_tools = [run_on_shell]
shell_model = ChatOllama(model="llama3.1").bind_tools(shell_tools)


from .gemini_client import client as genai_client


def gemini_command(task):
    command = genai_client.models.generate_content(model="gemini-2.0-flash", contents=task).text
    # ruleid: MLS502
    subprocess.run(command, shell=True)
    listing = genai_client.models.list()
    # ok: MLS502
    subprocess.run(["echo", str(listing)])


import pexpect


def interactive_command(task):
    command = model.invoke(f"Shell command to {task}").content
    # ruleid: MLS502
    child = pexpect.spawn(command, timeout=60)
    child.expect(pexpect.EOF)


def interactive_fixed(task):
    model.invoke(task)
    # ok: MLS502
    pexpect.spawn("ls -la", timeout=60)


import threading
from dataclasses import dataclass


@dataclass
class Suggestion:
    command: str
    explanation: str = ""


class Suggester:
    def __init__(self):
        self.client = OpenAI()

    def suggest(self, task):
        reply = self.client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": task}])
        return Suggestion(command=reply.choices[0].message.content.strip())

    def motto(self):
        return Suggestion(command="echo hello")


def make_suggester():
    return Suggester()


def object_of_this_file(task):
    s = Suggester().suggest(task)
    # ruleid: MLS502
    subprocess.run(s.command, shell=True)


def object_from_a_factory(task):
    suggester = make_suggester()
    # ruleid: MLS502
    os.system(suggester.suggest(task).command)


def fixed_suggestion():
    # ok: MLS502
    os.system(Suggester().motto().command)


def _run_in_background(command):
    subprocess.run(command, shell=True)


def in_a_thread(task):
    command = model.invoke(task).content
    # ruleid: MLS502
    threading.Thread(target=_run_in_background, args=(command,)).start()


def fixed_in_a_thread():
    # ok: MLS502
    threading.Thread(target=_run_in_background, args=("uptime",)).start()


import multiprocessing
import sys


def _execute(command):
    subprocess.run(command, shell=True)


def run_later(command):
    worker = multiprocessing.Process(target=_execute, args=(command,))
    worker.start()


def plan_and_run_later(task):
    steps = json.loads(model.invoke(task).content)["steps"]
    # ruleid: MLS502
    [run_later(step) for step in steps]


def format_generated(task):
    path = "generated.py"
    with open(path, "w") as fh:
        fh.write(model.invoke(task).content)
    # ok: MLS502
    subprocess.run([sys.executable, "-m", "black", "-q", path])
    # ruleid: MLS502
    subprocess.run([sys.executable, path])


class Runner:
    def __init__(self, llm=model):
        self.llm = llm

    def go(self, task):
        # ruleid: MLS502
        os.system(self.llm.invoke(task).content)


def annotated(task):
    chat: ChatAnthropic = make_model()
    # ruleid: MLS502
    os.system(chat.invoke(task).content)
