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
