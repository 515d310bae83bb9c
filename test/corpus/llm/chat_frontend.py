"""The support chat page: Flask renders what the model answers."""
import pickle
import base64

import anthropic
import yaml
from flask import Flask, render_template, render_template_string, request
from jinja2 import Environment, Template
from markupsafe import Markup, escape

app = Flask(__name__)
claude = anthropic.Anthropic()
env = Environment(autoescape=False)


def answer(question, max_tokens=600):
    msg = claude.messages.create(model="claude-3-5-haiku-latest", max_tokens=max_tokens, messages=[{"role": "user", "content": question}])
    return msg.content[0].text


@app.route("/chat", methods=["POST"])
def chat():
    reply = answer(request.form["q"])
    # ruleid: MLS504
    return render_template_string("<div class='bot'>" + reply + "</div>")


@app.route("/chat-template", methods=["POST"])
def chat_template():
    reply = answer(request.form["q"])
    # ok: MLS504
    return render_template("chat.html", reply=reply)


@app.route("/chat-markup", methods=["POST"])
def chat_markup():
    reply = answer(request.form["q"])
    # ruleid: MLS504
    html = Markup(f"<p>{reply}</p>")
    return render_template("chat.html", reply_html=html)


@app.route("/chat-escaped", methods=["POST"])
def chat_escaped():
    reply = answer(request.form["q"])
    # ok: MLS504
    html = Markup("<p>{}</p>").format(reply)
    # ok: MLS504
    safe = escape(reply)
    return render_template("chat.html", reply_html=html, reply_text=safe)


@app.route("/chat-jinja", methods=["POST"])
def chat_jinja():
    reply = answer(request.form["q"])
    # ruleid: MLS504
    return env.from_string("<p>" + reply + "</p>").render()


@app.route("/chat-jinja-safe", methods=["POST"])
def chat_jinja_safe():
    reply = answer(request.form["q"])
    # ok: MLS504
    return Template("<p>{{ reply }}</p>", autoescape=True).render(reply=reply)


@app.route("/plan", methods=["POST"])
def plan():
    reply = answer("Return the deployment plan as YAML: " + request.form["q"])
    # ruleid: MLS504, MLS104
    steps = yaml.load(reply, Loader=yaml.Loader)
    # ok: MLS504
    steps_safe = yaml.safe_load(reply)
    return {"steps": steps, "safe": steps_safe}


@app.route("/restore", methods=["POST"])
def restore():
    reply = answer("Return the cached state, base64: " + request.form["q"])
    # ruleid: MLS504, MLS101
    state = pickle.loads(base64.b64decode(reply))
    return {"state": str(state)}


@app.route("/unbounded", methods=["POST"])
def unbounded():
    # ok: MLS509
    msg = claude.messages.create(model="claude-3-5-haiku-latest", max_tokens=1024, messages=[{"role": "user", "content": request.form["q"]}])
    # ruleid: MLS504
    return msg.content[0].text
