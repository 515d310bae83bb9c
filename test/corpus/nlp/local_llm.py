"""Runs a quantised model locally for the offline evaluation."""
from huggingface_hub import hf_hub_download
from llama_cpp import Llama
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline

GGUF_REV = "a0bd5c2b1e4f3a6d9c8b7e0f1a2d3c4b5e6f7a80"

# ok: MLS301
gguf = hf_hub_download("TheBloke/Mistral-7B-Instruct-v0.2-GGUF", "mistral-7b-instruct-v0.2.Q4_K_M.gguf", revision=GGUF_REV)
llm = Llama(model_path=gguf, n_ctx=4096)
# ruleid: MLS301
llm2 = Llama.from_pretrained(repo_id="Qwen/Qwen2-0.5B-Instruct-GGUF", filename="*q8_0.gguf")
# ruleid: MLS301
bench = load_dataset("cais/mmlu", "all", split="test")
# ok: MLS301
bench_pinned = load_dataset("cais/mmlu", "all", split="test", revision="c30699e8356da336a370243923dbaf21066bb9fe")
# ok: MLS301
bench_local = load_dataset("json", data_files="data/mmlu_subset.jsonl")
# ruleid: MLS301
tok = AutoTokenizer.from_pretrained("Qwen/Qwen2-0.5B-Instruct", revision="main")
# ruleid: MLS301, MLS108
model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2-0.5B-Instruct", trust_remote_code=True)
# ruleid: MLS301
gen = pipeline("text-generation", model="Qwen/Qwen2-0.5B-Instruct")
# ok: MLS301
gen_local = pipeline("text-generation", model=model, tokenizer=tok)
# ok: MLS301
summarizer = pipeline("summarization", model="./models/bart-cnn")
