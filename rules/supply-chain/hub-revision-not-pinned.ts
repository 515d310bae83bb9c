import type { SyntaxNode } from '../../engine/syntax';
import { argument, type CallArgs } from '../../engine/evaluate';
import { defineRule, type RuleContext } from '../../engine/rule';
import { calleeNode, written } from '../helpers';
import { builtAsPath, isLocal } from './hub-ids';
import { PIN_ADVICE, refKind, SUPPLY_CHAIN, whyNotPinned } from './pins';

const HUB_LIBRARIES = /^(transformers|diffusers|peft|sentence_transformers|timm|open_clip|optimum|setfit|huggingface_hub|accelerate|trl|gliner|span_marker|adapters|llama_cpp|unsloth)\./;
/** Callee suffix or name, and where its repository id is: keyword name and position. */
const LOADERS: [RegExp, string, number][] = [
  // An adapter loads onto a base model: `PeftModel.from_pretrained(model, "org/adapter")`.
  [/^peft\.(?!AutoPeft)\w+\.from_pretrained$/, 'model_id', 1],
  [/^llama_cpp\.Llama\.from_pretrained$/, 'repo_id', 0],
  [/^unsloth\.\w+\.from_pretrained$/, 'model_name', 0],
  [/\.from_pretrained$/, 'pretrained_model_name_or_path', 0],
  [/^transformers\.pipeline$/, 'model', 1],
  [/^datasets\.load_dataset(_builder)?$/, 'path', 0],
  [/^huggingface_hub\.(file_download\.|_snapshot_download\.)?(hf_hub_download|snapshot_download|HfApi\.(hf_hub_download|snapshot_download|list_repo_files|model_info))$/, 'repo_id', 0],
  [/^sentence_transformers\.SentenceTransformer$/, 'model_name_or_path', 0],
  [/^sentence_transformers\.CrossEncoder$/, 'model_name', 0],
];
/** Model factories that download from the Hub when the name says `hf-hub:org/name` (timm reads a revision after `@`). */
const HF_HUB_FACTORIES = /^(timm\.create_model|open_clip\.(create_model|create_model_and_transforms|create_model_from_pretrained))$/;
/** pyannote's loaders, pinned by `org/name@<sha>` in the checkpoint name. */
const PYANNOTE = /^pyannote\.audio\.(\w+\.)*(Pipeline|Model)\.from_pretrained$/;
/** TRL's trainers, which load a model given by name with `from_pretrained` and no revision of their own. */
const TRL_TRAINERS = /^trl\.\w*Trainer$/;
/** TRL's `clone_chat_template(model, tokenizer, "org/name")` loads the source tokenizer itself, at `main`. */
const TRL_CLONE = /^trl\.(\w+\.)*clone_chat_template$/;

export default defineRule({
  meta: {
    code: 'MLS301',
    name: 'hub-revision-not-pinned',
    title: 'Model or dataset from the Hub without a pinned commit',
    category: 'unpinned-artifact',
    severity: 'warning',
    confidence: 'high',
    fix: 'display-only',
    references: SUPPLY_CHAIN,
    sources: ['bandit:B615'],
  },
  docs: `
## What it does
Flags downloads from the Hugging Face Hub whose \`revision\` is missing or is not a full 40-character commit sha: \`from_pretrained\` on classes from \`transformers\`, \`diffusers\`, \`peft\`, \`sentence_transformers\`, \`timm\`, \`open_clip\` and the like, \`transformers.pipeline(model=...)\`, \`datasets.load_dataset\`, \`huggingface_hub.hf_hub_download\` / \`snapshot_download\` and \`HfApi\` methods, \`SentenceTransformer(...)\`, PEFT adapters, \`llama_cpp.Llama.from_pretrained\`, \`timm\` / \`open_clip\` models named \`hf-hub:org/name\` (timm's \`@<sha>\` suffix pins), Unsloth's \`FastLanguageModel.from_pretrained(model_name=...)\`, pyannote's \`Pipeline\` / \`Model.from_pretrained\` (pinned by \`org/name@<sha>\`), and TRL trainers given a model by name (\`SFTTrainer(model="org/name")\`, which downloads it at \`main\`: load the model pinned and pass it) and TRL's \`clone_chat_template\` given a tokenizer by name. Calling a tokenizer or pipeline made earlier is not a download. A folder built as a path (\`os.path.join(output_dir, "final")\`, \`Path(out) / "best"\`, or a name bound to one) is a local checkpoint, not reported. A branch, a tag, \`refs/pr/N\` or a short sha is reported with why it is not a pin. Local paths, \`local_files_only=True\` and \`load_dataset\` builders for local files (\`csv\`, \`json\`, \`parquet\`...) are skipped. Values the rule cannot resolve are reported as "cannot verify" at lower severity.

## Why is this bad?
\`revision\` defaults to \`main\`: whatever the repository's owner, or whoever takes over their account, pushes next is what your training run or service loads, silently. A repository can be rewritten to carry a poisoned model or dataset (MITRE ATLAS AML.T0010, AML.T0109 "rug pull"). Only a commit sha is immutable; branches, tags and pull-request refs all move, and the Hub does not resolve short shas.

## Example
\`\`\`python
from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("mistralai/Mistral-7B-v0.1", revision="main")
\`\`\`

## Use instead
\`\`\`python
from transformers import AutoModelForCausalLM

MODEL_REVISION = "26bca36bde8333b5d7f72e9ed20ccda6a618af24"  # commit reviewed on 2026-11-02
model = AutoModelForCausalLM.from_pretrained("mistralai/Mistral-7B-v0.1", revision=MODEL_REVISION)
\`\`\`

## Fix safety
Display-only: the commit sha has to come from you (the repository's *Files and versions > History* page); a fix never writes a branch name and calls it a pin.

## Known limitations
A repository id that is a variable is reported at info level, since it may be a local path. A relative path without \`./\` (\`checkpoints/best\`) looks like a Hub id.

## References
- [Hugging Face: revision and model versioning](https://huggingface.co/docs/transformers/main_classes/model#transformers.PreTrainedModel.from_pretrained)
- [MITRE ATLAS AML.T0010.003: AI Supply Chain Compromise: Model](https://atlas.mitre.org/techniques/AML.T0010.003)
`,
  create(ctx) {
    return {
      call(node) {
        // Calling an object made earlier (a tokenizer, a pipeline) runs it; it downloads nothing.
        const fn = node.childForFieldName('function');
        if (fn?.type === 'identifier' && ctx.lookup(fn.text)?.kind === 'instance') return;
        const name = ctx.callee(node);
        if (name && HF_HUB_FACTORIES.test(name)) return hubFactory(ctx, node, name);
        if (name && PYANNOTE.test(name)) return atSuffix(ctx, node, name, argument(ctx.args(node), 'checkpoint_path', 0));
        if (name && TRL_TRAINERS.test(name)) return trainer(ctx, node, name, 'model', 0);
        if (name && TRL_CLONE.test(name)) return trainer(ctx, node, name, 'source_tokenizer_path', 2);
        // `model_cls.from_pretrained(...)` on an unknown class is still worth a low-severity note.
        const unresolved = !name && ctx.method(node) === 'from_pretrained' && !isLocalClass(ctx, node);
        const subject = name ?? (unresolved ? '?.from_pretrained' : undefined);
        const loader = subject ? LOADERS.find(([re]) => re.test(subject)) : undefined;
        if (!loader) return;
        if (name && !HUB_LIBRARIES.test(name) && !name.startsWith('datasets.')) return;
        check(ctx, node, ctx.args(node), loader[1], loader[2], name, !!name);
      },
    };
  },
});

function check(ctx: RuleContext, node: SyntaxNode, args: CallArgs, repoKeyword: string, repoIndex: number, name: string | undefined, resolved: boolean): void {
  const local = ctx.evaluate(argument(args, 'local_files_only'));
  if (local.known && local.value === true) return;
  const repoNode = argument(args, repoKeyword, repoIndex);
  if (!repoNode) return;
  // A model already loaded (`pipeline(..., model=model)`): the download, if any, was its loader's.
  const bound = repoNode.type === 'identifier' ? ctx.lookup(repoNode.text) : undefined;
  if (bound?.kind === 'instance' && LOADERS.some(([re]) => re.test(bound.of))) return;
  const repo = ctx.evaluate(repoNode);
  const call = written(node, name);
  const where = calleeNode(node);
  if (repo.known && (typeof repo.value !== 'string' || isLocal(repo.value, name))) return;
  if (!repo.known && builtAsPath(ctx, repoNode, name)) return;
  // Unknown: the argument as written (`name`, `cfg.model_id`), when it is short enough to read in a message.
  const argText = repoNode.text;
  const repoText = repo.known ? `\`${repo.value}\`` : argText.length <= 40 && !argText.includes('\n') ? `\`${argText}\`` : 'its repository argument';
  const revisionNode = argument(args, 'revision');
  if (!revisionNode) {
    if (args.opaqueKwargs.length) {
      ctx.report({ node: where, message: `Cannot verify the pin of ${call}: \`revision\` may be in \`**kwargs\`; ${PIN_ADVICE}`, severity: 'info', confidence: 'low' });
      return;
    }
    const pinFix = [{ title: 'Pin revision="<40-hex commit sha>" (take it from the repository history)', safety: 'display-only' as const, edits: [] }];
    if (!repo.known || !resolved) {
      ctx.report({ node: where, message: `Cannot verify that ${call} is pinned: if ${repoText} is a Hub repository id, pass \`revision=\` a full 40-character commit sha, the only pin`, severity: 'info', confidence: 'low', fixes: pinFix });
      return;
    }
    ctx.report({ node: where, message: `${call} downloads ${repoText} at whatever \`main\` holds today: ${PIN_ADVICE}`, fixes: pinFix });
    return;
  }
  const revision = ctx.evaluate(revisionNode);
  const arg = args.keywords.get('revision')?.arg ?? revisionNode;
  if (!revision.known || typeof revision.value !== 'string') {
    ctx.report({ node: arg, message: `Cannot verify the pin of ${call}: \`revision\` is ${revision.known ? 'not a string' : revision.reason}; ${PIN_ADVICE}`, severity: 'info', confidence: 'medium' });
    return;
  }
  if (refKind(revision.value) === 'sha') return;
  ctx.report({ node: arg, message: `${call} is not pinned: ${whyNotPinned(revision.value)}; ${PIN_ADVICE}` });
}

function hubFactory(ctx: RuleContext, node: SyntaxNode, name: string): void {
  const arg = argument(ctx.args(node), 'model_name', 0);
  const v = ctx.evaluate(arg);
  if (!arg || !v.known || typeof v.value !== 'string' || !v.value.startsWith('hf-hub:')) return;
  const [repo, rev] = v.value.slice('hf-hub:'.length).split('@');
  if (rev !== undefined && refKind(rev) === 'sha') return;
  const call = written(node, name);
  const why = rev === undefined ? `downloads \`${repo}\` at whatever \`main\` holds today` : `is not pinned: ${whyNotPinned(rev)}`;
  ctx.report({ node: arg, message: `${call} ${why}: download a pinned snapshot (\`snapshot_download(repo_id, revision=<40-hex sha>)\`) and load it from that folder` });
}

/** A Hub id pinned by `@<sha>` at its end (pyannote): a known string only. */
function atSuffix(ctx: RuleContext, node: SyntaxNode, name: string, arg: SyntaxNode | undefined): void {
  const v = ctx.evaluate(arg);
  if (!arg || !v.known || typeof v.value !== 'string') return;
  const [repo, rev] = v.value.split('@');
  if (isLocal(repo, name) || (rev !== undefined && refKind(rev) === 'sha')) return;
  const call = written(node, name);
  const why = rev === undefined ? `downloads \`${repo}\` at whatever \`main\` holds today` : `is not pinned: ${whyNotPinned(rev)}`;
  ctx.report({ node: arg, message: `${call} ${why}: name the commit, \`"${repo}@<40-hex sha>"\` (the Hub's "Files and versions > History")` });
}

/** `SFTTrainer(model="org/name")`, `clone_chat_template(m, t, "org/name")`: TRL downloads the model or tokenizer itself, at `main`. */
function trainer(ctx: RuleContext, node: SyntaxNode, name: string, keyword: string, index: number): void {
  const arg = argument(ctx.args(node), keyword, index);
  const v = ctx.evaluate(arg);
  if (!arg || !v.known || typeof v.value !== 'string' || isLocal(v.value, name)) return;
  const remedy = keyword === 'model' ? 'load it with `from_pretrained(..., revision=<40-hex sha>)` and pass the model' : 'download it with `snapshot_download(..., revision=<40-hex sha>)` and pass the local folder';
  ctx.report({ node: arg, message: `${written(node, name)} downloads \`${v.value}\` at whatever \`main\` holds today: ${remedy}` });
}

function isLocalClass(ctx: RuleContext, call: SyntaxNode): boolean {
  const receiver = call.childForFieldName('function')?.childForFieldName('object');
  return receiver?.type === 'identifier' && ctx.lookup(receiver.text)?.node?.type === 'class_definition';
}
