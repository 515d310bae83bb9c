from datasets import load_dataset
from diffusers import StableDiffusionPipeline
from huggingface_hub import HfApi, hf_hub_download, snapshot_download
from peft import PeftModel
from sentence_transformers import SentenceTransformer
from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline
import open_clip
import timm
from llama_cpp import Llama

MODEL = "mistralai/Mistral-7B-v0.1"
PINNED = "26bca36bde8333b5d7f72e9ed20ccda6a618af24"
BRANCH = "main"

# ruleid: MLS301
tokenizer = AutoTokenizer.from_pretrained(MODEL)
# ruleid: MLS301
model = AutoModelForCausalLM.from_pretrained(MODEL, revision="main")
# ruleid: MLS301
model = AutoModelForCausalLM.from_pretrained(MODEL, revision=BRANCH)
# ruleid: MLS301
model = AutoModelForCausalLM.from_pretrained(MODEL, revision="26bca36")
# ruleid: MLS301
model = AutoModelForCausalLM.from_pretrained(MODEL, revision="v1.0")
# ruleid: MLS301
model = AutoModelForCausalLM.from_pretrained(MODEL, revision="refs/pr/12")
# ruleid: MLS301
generator = pipeline("text-generation", model="gpt2")
# ruleid: MLS301
reviews = load_dataset("imdb", split="train")
# ruleid: MLS301
weights = hf_hub_download("org/model", "model.safetensors")
# ruleid: MLS301
snapshot = snapshot_download(repo_id="org/model")
# ruleid: MLS301
api_file = HfApi().hf_hub_download(repo_id="org/model", filename="config.json")
# ruleid: MLS301
embedder = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")
# ruleid: MLS301
sd = StableDiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-2-1")
# ruleid: MLS301
adapter = PeftModel.from_pretrained(model, "org/lora-adapter")


def multi_line(name):
    return AutoModelForCausalLM.from_pretrained(
        "org/model",
        torch_dtype="auto",
        # ruleid: MLS301
        revision="dev",
    )


def unknown_class(model_cls):
    # ruleid: MLS301
    return model_cls.from_pretrained("org/model")


def unknown_revision(rev):
    # ruleid: MLS301
    return AutoModelForCausalLM.from_pretrained("org/model", revision=rev)


# ok: MLS301
pinned = AutoModelForCausalLM.from_pretrained(MODEL, revision=PINNED)
# ok: MLS301
pinned_literal = load_dataset("imdb", revision="e6281661ce1c48d982bc483cf8a173c1bbeb5d31")
# ok: MLS301
local = AutoModelForCausalLM.from_pretrained("./checkpoints/best")
# ok: MLS301
absolute = AutoTokenizer.from_pretrained("/mnt/models/tokenizer")
# ok: MLS301
offline = AutoModelForCausalLM.from_pretrained(MODEL, local_files_only=True)
# ok: MLS301
csv = load_dataset("csv", data_files="data/train.csv")
# ok: MLS301
deep_local = AutoModelForCausalLM.from_pretrained("outputs/run-12/checkpoint-500")


class Mine:
    @classmethod
    def from_pretrained(cls, path):
        return cls()


# ok: MLS301
mine = Mine.from_pretrained("org/model")


SHA = "0123456789abcdef0123456789abcdef01234567"
tokenizer = AutoTokenizer.from_pretrained("org/model", revision=SHA)
generator = pipeline("text-generation", model="org/model", revision=SHA)
# ok: MLS301
encoded = tokenizer("a sentence", truncation=True)
# ok: MLS301
story = generator("Once upon a time")
# ruleid: MLS301
vit = timm.create_model("hf-hub:timm/vit_base_patch16_224.augreg_in21k", pretrained=True)
# ruleid: MLS301
vit_branch = timm.create_model("hf-hub:timm/vit_base_patch16_224.augreg_in21k@main", pretrained=True)
# ok: MLS301
vit_pinned = timm.create_model(f"hf-hub:timm/vit_base_patch16_224.augreg_in21k@{SHA}", pretrained=True)
# ok: MLS301
resnet = timm.create_model("resnet50", pretrained=False)
# ruleid: MLS301
clip, _, preprocess = open_clip.create_model_and_transforms("hf-hub:laion/CLIP-ViT-B-32-laion2B-s34B-b79K")
# ruleid: MLS301
gguf = Llama.from_pretrained(repo_id="org/model-GGUF", filename="*q8_0.gguf")
# ok: MLS301
gguf_pinned = Llama.from_pretrained(repo_id="org/model-GGUF", filename="*q8_0.gguf", revision=SHA)
# ok: MLS301
adapter_pinned = PeftModel.from_pretrained(model, "org/lora-adapter", revision=SHA)
loaded = AutoModelForCausalLM.from_pretrained("org/model", revision=SHA)
# ok: MLS301
generator_from_objects = pipeline("text-generation", model=loaded, tokenizer=tokenizer)


from huggingface_hub.file_download import hf_hub_download as download_file
from pyannote.audio import Pipeline
from trl import SFTTrainer

# ruleid: MLS301
weights_file = download_file("org/weights", "model.safetensors")
# ruleid: MLS301
diarization = Pipeline.from_pretrained("pyannote/speaker-diarization-3.1", use_auth_token=True)
# ruleid: MLS301
diarization_tag = Pipeline.from_pretrained("pyannote/speaker-diarization@v3.1")
# ok: MLS301
diarization_pinned = Pipeline.from_pretrained("pyannote/speaker-diarization@0c1cbfcd1dbef0a1e9e6f4a8b9c3d2e1f0a9b8c7")
# ok: MLS301
diarization_local = Pipeline.from_pretrained("./models/diarization/config.yaml")
# ruleid: MLS301
sft = SFTTrainer(model="Qwen/Qwen2.5-0.5B", train_dataset=train)
# ok: MLS301
sft_loaded = SFTTrainer(model=model, train_dataset=train)

from trl import clone_chat_template

# ruleid: MLS301
model, tokenizer, added = clone_chat_template(model, tokenizer, "Qwen/Qwen2.5-0.5B-Instruct")
# ok: MLS301
model, tokenizer, added = clone_chat_template(model, tokenizer, "./tokenizers/qwen-chat")


import os
from pathlib import Path

from unsloth import FastLanguageModel

# ruleid: MLS301
llm, llm_tokenizer = FastLanguageModel.from_pretrained(model_name="unsloth/Llama-3.2-1B-Instruct", max_seq_length=2048)
# ok: MLS301
llm_pinned, _ = FastLanguageModel.from_pretrained(model_name="unsloth/Llama-3.2-1B-Instruct", revision="0c1cbfcd1dbef0a1e9e6f4a8b9c3d2e1f0a9b8c7")


def reload_finetuned(output_dir):
    final_dir = os.path.join(output_dir, "final")
    # ok: MLS301
    tuned = AutoModelForSequenceClassification.from_pretrained(final_dir)
    # ok: MLS301
    best = AutoModelForSequenceClassification.from_pretrained(Path(output_dir) / "best")
    # ruleid: MLS301
    hub = AutoModelForSequenceClassification.from_pretrained(os.path.join("google-bert", "bert-base-uncased"))
    return tuned, best, hub
