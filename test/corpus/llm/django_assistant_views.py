"""Django views for the in-app writing assistant."""
import json
import subprocess

from django.http import HttpResponse, JsonResponse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from openai import OpenAI

client = OpenAI()
STYLE_GUIDE = open("docs/style.md").read()


@require_POST
def rewrite(request):
    tone = request.POST.get("tone", "neutral")
    # ruleid: MLS509
    resp = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            # ruleid: MLS507
            {"role": "system", "content": "Rewrite the user's text in a " + tone + " tone. " + STYLE_GUIDE},
            {"role": "user", "content": request.POST["text"]},
        ],
    )
    html = resp.choices[0].message.content
    # ruleid: MLS504
    return HttpResponse(mark_safe(html))


@require_POST
def rewrite_escaped(request):
    resp = client.chat.completions.create(
        model="gpt-4o",
        max_tokens=800,
        messages=[
            # ok: MLS507
            {"role": "system", "content": "Rewrite the user's text in a neutral tone. " + STYLE_GUIDE},
            {"role": "user", "content": request.POST["text"]},
        ],
    )
    text = resp.choices[0].message.content
    # ok: MLS504
    return HttpResponse(format_html("<div class='out'>{}</div>", text))


@require_POST
def outline(request):
    body = json.loads(request.body)
    resp = client.chat.completions.create(model="gpt-4o", max_tokens=400, messages=[{"role": "user", "content": body["topic"]}])
    outline_md = resp.choices[0].message.content
    # ruleid: MLS502
    rendered = subprocess.run(f"echo '{outline_md}' | pandoc -f markdown -t html", shell=True, capture_output=True, text=True).stdout
    # ok: MLS502
    rendered_safe = subprocess.run(["pandoc", "-f", "markdown", "-t", "html"], input=outline_md, capture_output=True, text=True).stdout
    return JsonResponse({"html": rendered, "html_safe": rendered_safe, "escaped": escape(outline_md)})


def banner(request):
    # ok: MLS504
    return HttpResponse(mark_safe("<b>Assistant beta</b>"))
