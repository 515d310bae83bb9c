import type { SyntaxNode } from '../../engine/syntax';
import { defineRule, type RuleContext } from '../../engine/rule';
import { flag, LLM_OUTPUT_WORDS } from '../helpers';
import { flowTracker } from './flow';
import { enclosingFunction, llmOutput, OUTPUT_HANDLING, routeDecorators, toolSummaries } from './llm';

/** Sinks and what they do with the text. */
const TEMPLATE = 'renders it as a template (server-side template injection)';
const HTML = 'puts it into a page as HTML, unescaped (cross-site scripting)';
const OBJECTS = 'deserializes it into Python objects (code execution)';
const SINKS: Record<string, string> = {
  'flask.render_template_string': TEMPLATE, 'jinja2.Template': TEMPLATE, 'jinja2.Environment.from_string': TEMPLATE, 'django.template.Template': TEMPLATE, 'mako.template.Template': TEMPLATE,
  'markupsafe.Markup': HTML, 'flask.Markup': HTML, 'jinja2.Markup': HTML, 'django.utils.safestring.mark_safe': HTML, 'django.utils.html.format_html': HTML,
  'fastapi.responses.HTMLResponse': HTML, 'starlette.responses.HTMLResponse': HTML, 'IPython.display.HTML': HTML, 'IPython.display.display_html': HTML,
  'streamlit.html': HTML, 'streamlit.components.v1.html': HTML, 'gradio.HTML': HTML, 'panel.pane.HTML': HTML,
  'pickle.loads': OBJECTS, 'pickle.load': OBJECTS, 'dill.loads': OBJECTS, 'cloudpickle.loads': OBJECTS, 'jsonpickle.decode': OBJECTS, 'marshal.loads': OBJECTS,
  'yaml.unsafe_load': OBJECTS, 'yaml.full_load': OBJECTS,
};
const SAFE_YAML = /(^|\.)(C?SafeLoader|C?BaseLoader)$/;
/** Streamlit calls that render Markdown, with raw HTML when `unsafe_allow_html=True`. */
const STREAMLIT_MARKDOWN = /^streamlit\.(sidebar\.)?(markdown|write|caption)$/;
const STREAMLIT_METHODS = new Set(['markdown', 'write', 'caption']);
/** Routes whose returned string is the page: Flask's and Quart's (served as text/html), FastAPI's with `response_class=HTMLResponse`. */
const HTML_ROUTE = /^(flask|quart)\./;
const API_ROUTE = /^fastapi\./;
/** What a route returns that is its body as text: a name, a string, a concatenation, a Markdown renderer's HTML (mistune passes raw HTML through). */
const TEXT_BODY = new Set(['identifier', 'string', 'concatenated_string', 'binary_operator', 'attribute', 'subscript']);
const MARKDOWN_HTML = /^(mistune\.(html|markdown)|markdown\.markdown|markdown2\.markdown)$/;

/** How the route a function is serves a returned string as HTML, or undefined. */
function htmlRoute(ctx: RuleContext, fn: SyntaxNode): string | undefined {
  for (const { route, call } of routeDecorators(ctx, fn)) {
    if (HTML_ROUTE.test(route)) return 'Flask serves a returned string as text/html';
    const responseClass = call && ctx.args(call).keywords.get('response_class')?.value;
    if (API_ROUTE.test(route) && /\.HTMLResponse$/.test(ctx.qualifiedName(responseClass ?? null) ?? '')) return 'the route answers with `response_class=HTMLResponse`';
  }
  return undefined;
}

/**
 * The pre-filter: a file holding a model call, or one of this rule's sinks (written as its module or
 * function name, which no alias hides), so that a module of helpers naming no model still exports
 * which of its functions' parameters reach a sink (`def run_query(sql): cursor.execute(sql)`).
 */
const WORDS: readonly string[] = [...LLM_OUTPUT_WORDS, ...['flask', 'quart', 'fastapi', 'starlette', 'jinja2', 'django', 'mako', 'markupsafe', 'Markup', 'IPython', 'streamlit', 'unsafe_allow_html', 'gradio', 'panel', 'pickle', 'dill', 'jsonpickle', 'marshal', 'yaml', 'mistune', 'markdown']];

export default defineRule({
  meta: {
    code: 'MLS504',
    requires: WORDS,
    facts: ['llmText', 'llmSinks'],
    name: 'llm-output-to-unsafe-sink',
    title: 'Model output rendered as HTML or a template, or deserialized',
    category: 'llm-application',
    severity: 'error',
    confidence: 'medium',
    fix: 'none',
    fileScope: true,
    references: OUTPUT_HANDLING(['CWE-79', 'CWE-1336', 'CWE-502']),
  },
  docs: `
## What it does
Reports text from an LLM call (the sources of [MLS501](MLS501.md)) reaching a place that trusts it: Flask \`render_template_string\`, \`jinja2.Template\` and other template engines; \`Markup\` / \`mark_safe\`, \`HTMLResponse\`, IPython \`HTML\`, Streamlit \`st.markdown\` / \`st.write\` / \`st.caption(..., unsafe_allow_html=True)\` (on \`st\` or on any container, column or placeholder: the keyword is Streamlit's) and \`st.html\`, Gradio \`HTML\`; a string a Flask or Quart route returns (served as text/html), or a FastAPI route with \`response_class=HTMLResponse\` (a name, an f-string, a concatenation, or Markdown rendered by mistune or markdown, which pass raw HTML through; a dict or \`jsonify\` is JSON, not reported); \`pickle.loads\`, \`dill\`, \`jsonpickle\`, \`marshal\`, and \`yaml.load\` without a safe loader.

Tools' parameters and the file's own functions count as for [MLS501](MLS501.md): a helper that renders or unpickles its parameter is reported where it is called with model output.

## Why is this bad?
A chatbot's answer is attacker-controlled text as soon as the model has read something an attacker wrote. Rendered as a template it runs code on the server (\`{{ cycler.__init__.__globals__.os.popen('id').read() }}\`); inserted as HTML it runs script in the user's browser and can exfiltrate the conversation through an image URL; deserialized, it builds arbitrary objects (OWASP LLM05 Improper Output Handling).

## Example
\`\`\`python
answer = chain.invoke({"question": question})
return render_template_string(f"<p>{answer}</p>")
\`\`\`

## Use instead
Pass the answer to a fixed template as a variable (Jinja2 escapes it), or escape it; parse data with \`json.loads\` or \`yaml.safe_load\` and validate it:
\`\`\`python
return render_template("answer.html", answer=answer)
\`\`\`

## Fix safety
No fix.

## Known limitations
As for [MLS501](MLS501.md). Markdown rendered to HTML is judged only where a route returns it; elsewhere, Markdown renderers that allow raw HTML are not covered unless they are listed above.

## References
- [OWASP Top 10 for LLM Applications 2025: LLM05 Improper Output Handling](https://genai.owasp.org/llmrisk/llm052025-improper-output-handling/)
- [CWE-1336: Server-Side Template Injection](https://cwe.mitre.org/data/definitions/1336.html)
`,
  create(ctx) {
    return flowTracker(ctx, {
      code: 'MLS504',
      words: WORDS,
      source: llmOutput(ctx),
      summaries: toolSummaries(ctx),
      sinkTypes: ['call', 'return_statement'],
      sinks(call) {
        if (call.type === 'return_statement') {
          const fn = enclosingFunction(ctx);
          const how = fn ? htmlRoute(ctx, fn) : undefined;
          let body = how ? call.namedChildren.find((c) => c && c.type !== 'comment') : undefined;
          // `return body, 200, headers`
          if (body?.type === 'expression_list' || body?.type === 'tuple') body = body.namedChildren[0] ?? undefined;
          // A Markdown renderer's HTML carries what it was given.
          if (body?.type === 'call' && MARKDOWN_HTML.test(ctx.callee(body) ?? '')) body = ctx.args(body).positional[0];
          // A name bound to a dict or list here is JSON to the framework, not a page.
          const bound = body?.type === 'identifier' ? ctx.lookup(body.text)?.node : undefined;
          const json = bound?.type === 'dictionary' || bound?.type === 'list' || bound?.type === 'dictionary_comprehension';
          const text = body && TEXT_BODY.has(body.type) && !json;
          return text ? [{ at: call, args: [body!], requires: ['llm'], message: `This route returns text written by a model ({source}) as its page, unescaped (${how}): script in the answer runs in the user's browser (cross-site scripting); render it into a template, which escapes it, or escape it` }] : [];
        }
        // A Streamlit container, column or placeholder (`placeholder.markdown(...)`): the keyword is Streamlit's alone.
        const q = ctx.callee(call) ?? (STREAMLIT_METHODS.has(ctx.method(call) ?? '') && ctx.args(call).keywords.has('unsafe_allow_html') ? `streamlit.${ctx.method(call)}` : undefined);
        if (!q) return [];
        let what = SINKS[q];
        if (!what && q !== 'yaml.load' && q !== 'yaml.load_all' && !STREAMLIT_MARKDOWN.test(q)) return [];
        const args = ctx.args(call);
        if (!what && (q === 'yaml.load' || q === 'yaml.load_all')) {
          const loader = args.keywords.get('Loader')?.value ?? args.positional[1];
          if (!SAFE_YAML.test(ctx.qualifiedName(loader ?? null) ?? '')) what = OBJECTS;
        }
        if (!what && STREAMLIT_MARKDOWN.test(q) && flag(ctx, args, 'unsafe_allow_html').state === 'true') what = HTML;
        if (!what) return [];
        const arg: SyntaxNode | undefined = args.positional[0] ?? args.keywords.get('source')?.value ?? args.keywords.get('content')?.value ?? args.keywords.get('body')?.value ?? args.keywords.get('data')?.value ?? args.keywords.get('value')?.value;
        if (!arg) return [];
        const fn = call.childForFieldName('function')!;
        return [{ at: fn, args: [arg], requires: ['llm'], message: `\`${fn.text.replace(/\s+/g, '')}\` ${what.replace('it', 'text written by a model ({source})')}; pass it to a fixed template as a variable, escape it, or parse it as data and validate it` }];
      },
    });
  },
});
