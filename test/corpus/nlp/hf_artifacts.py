"""Everything the serving image downloads from the Hub, pinned to commits."""
from diffusers import StableDiffusionPipeline
from huggingface_hub import HfApi, hf_hub_download, snapshot_download
from peft import PeftModel
from sentence_transformers import SentenceTransformer
from transformers import AutoModel, AutoProcessor, pipeline
import open_clip
import timm

EMBED_REV = "c9745ed1d9f207416be6d2e6f8de32d1f16199bf"
CLIP_REV = "refs/pr/12"

# ok: MLS301
embedder = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2", revision=EMBED_REV)
# ruleid: MLS301
reranker = SentenceTransformer("cross-encoder/ms-marco-MiniLM-L-6-v2")
# ruleid: MLS301
clip = AutoModel.from_pretrained("openai/clip-vit-base-patch32", revision=CLIP_REV)
# ruleid: MLS301
processor = AutoProcessor.from_pretrained("openai/clip-vit-base-patch32", revision="3d74acf")
# ok: MLS301
processor_pinned = AutoProcessor.from_pretrained("openai/clip-vit-base-patch32", revision="3d74acf9a28c67741b2f4f2ea7635f0aaf6f0268")
# ruleid: MLS301
sd = StableDiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-2-1-base")
# ruleid: MLS301
sentiment = pipeline("sentiment-analysis", model="cardiffnlp/twitter-roberta-base-sentiment-latest")
# ok: MLS301
ner = pipeline("ner", model="dslim/bert-base-NER", revision="d1a3e8f13f8c3566299d95fcfc9a8d2382a9affc")
# ruleid: MLS301
weights = hf_hub_download(repo_id="acme/ranker", filename="model.safetensors")
# ok: MLS301
config = hf_hub_download(repo_id="acme/ranker", filename="config.json", revision="a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9")
# ruleid: MLS301
snapshot = snapshot_download("acme/ranker-onnx", revision="v2.0")
# ok: MLS301
snapshot_pinned = snapshot_download("acme/ranker-onnx", revision="9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c")
# ruleid: MLS301
api_file = HfApi().hf_hub_download("acme/ranker", "tokenizer.json")
# ok: MLS301
local_model = AutoModel.from_pretrained("/opt/models/clip")
# ok: MLS301
local_rel = AutoModel.from_pretrained("./artifacts/clip-finetuned")
# ruleid: MLS301
vit = timm.create_model("hf-hub:timm/vit_base_patch16_224.augreg_in21k", pretrained=True)
# ruleid: MLS301
adapter = PeftModel.from_pretrained(clip, "acme/clip-lora")
# ok: MLS301
adapter_pinned = PeftModel.from_pretrained(clip, "acme/clip-lora", revision="0123456789abcdef0123456789abcdef01234567")
# ruleid: MLS301
oc_model, _, preprocess = open_clip.create_model_and_transforms("hf-hub:laion/CLIP-ViT-B-32-laion2B-s34B-b79K")
