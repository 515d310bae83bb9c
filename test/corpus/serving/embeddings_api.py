"""FastAPI service returning sentence embeddings; the index is rebuilt nightly."""
import io
import pickle

import faiss
import numpy as np
import torch
from fastapi import FastAPI, File, UploadFile
from pydantic import BaseModel
from sentence_transformers import SentenceTransformer

app = FastAPI()
# ok: MLS301
encoder = SentenceTransformer("./models/all-MiniLM-L6-v2")
index = faiss.read_index("index/products.faiss")
with open("index/ids.pkl", "rb") as f:
    # ruleid: MLS101
    ids = pickle.load(f)


class Query(BaseModel):
    text: str
    k: int = 10


@app.post("/search")
def search(q: Query):
    vec = encoder.encode([q.text], normalize_embeddings=True)
    scores, rows = index.search(np.asarray(vec, dtype="float32"), q.k)
    return {"ids": [ids[r] for r in rows[0]], "scores": scores[0].tolist()}


@app.post("/upload-vectors")
async def upload_vectors(file: UploadFile = File(...)):
    raw = await file.read()
    # ruleid: MLS103
    vectors = np.load(io.BytesIO(raw), allow_pickle=True)
    index.add(vectors.astype("float32"))
    return {"n": int(index.ntotal)}


@app.post("/upload-checkpoint")
async def upload_checkpoint(file: UploadFile = File(...)):
    raw = await file.read()
    # ruleid: MLS102
    state = torch.load(io.BytesIO(raw), map_location="cpu")
    encoder.load_state_dict(state)
    return {"ok": True}


@app.post("/upload-adapter")
async def upload_adapter(file: UploadFile = File(...)):
    raw = await file.read()
    # ok: MLS102
    state = torch.load(io.BytesIO(raw), map_location="cpu", weights_only=True)
    encoder.load_state_dict(state, strict=False)
    return {"ok": True}
