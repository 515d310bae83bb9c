from langchain_community.vectorstores import FAISS
from langchain_community.vectorstores import Annoy as AnnoyStore
from langchain_community.retrievers import BM25Retriever
from langchain_core.load import loads
from langchain_openai import OpenAIEmbeddings

embeddings = OpenAIEmbeddings()
TRUSTED = True

# ruleid: MLS505
db = FAISS.load_local("index/", embeddings, allow_dangerous_deserialization=True)

store = AnnoyStore.load_local(
    "annoy/",
    embeddings,
    # ruleid: MLS505
    allow_dangerous_deserialization=TRUSTED,
)


def load(path, **kwargs):
    # ruleid: MLS505
    return BM25Retriever.load_local(path, allow_dangerous_deserialization=True, **kwargs)


def revive(text):
    # ruleid: MLS505
    return loads(text, allowed_objects="all")


# ok: MLS505
db = FAISS.load_local("index/", embeddings, allow_dangerous_deserialization=False)

# ok: MLS505
db = FAISS.load_local("index/", embeddings)

# ok: MLS505
obj = loads("{}", allowed_objects="core")

# ok: MLS505
fresh = FAISS.from_texts(["a", "b"], embeddings)


def load_index(path, embeddings, allow_dangerous_deserialization=True):
    # ruleid: MLS505
    return FAISS.load_local(path, embeddings, allow_dangerous_deserialization=allow_dangerous_deserialization)


def load_index_safely(path, embeddings, trusted: bool = False):
    # ok: MLS505
    return FAISS.load_local(path, embeddings, allow_dangerous_deserialization=trusted)


LOAD_KWARGS = {"allow_dangerous_deserialization": True}
SAFE_KWARGS = {"index_name": "wiki"}


def load_with_options(path, embeddings):
    # ruleid: MLS505
    return FAISS.load_local(path, embeddings, index_name="wiki", **LOAD_KWARGS)


def load_with_other_options(path, embeddings):
    # ok: MLS505
    return FAISS.load_local(path, embeddings, **SAFE_KWARGS)
