import urllib.request
from urllib.request import urlretrieve

import gdown
import requests
import torch
import wget
from tensorflow.keras.utils import get_file

WEIGHTS = "https://models.example.com/resnet50-0676ba61.pth"


def fetch_weights():
    # ruleid: MLS303
    urllib.request.urlretrieve(WEIGHTS, "resnet50.pth")


def fetch_data():
    # ruleid: MLS303
    urlretrieve("https://data.example.com/reviews.parquet", "reviews.parquet")


def fetch_with_wget():
    # ruleid: MLS303
    return wget.download("https://models.example.com/tokenizer.bin")


def fetch_with_requests():
    # ruleid: MLS303
    response = requests.get("https://models.example.com/head.safetensors", timeout=30)
    with open("head.safetensors", "wb") as fh:
        fh.write(response.content)


def torch_download():
    # ruleid: MLS303
    torch.hub.download_url_to_file(WEIGHTS, "/tmp/resnet50.pth")


def torch_state_dict():
    # ruleid: MLS303
    return torch.hub.load_state_dict_from_url(WEIGHTS, weights_only=True)


def checked():
    import hashlib

    # ok: MLS303
    urllib.request.urlretrieve(WEIGHTS, "resnet50.pth")
    with open("resnet50.pth", "rb") as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == "0676ba61b6795bbe1773cffd859882e5e297624d384b6993f7c9e683e722fb8a"


def torch_checked():
    # ok: MLS303
    torch.hub.download_url_to_file(WEIGHTS, "/tmp/resnet50.pth", hash_prefix="0676ba61")
    # ok: MLS303
    return torch.hub.load_state_dict_from_url(WEIGHTS, check_hash=True, weights_only=True)


def not_an_artifact():
    # ok: MLS303
    return requests.get("https://api.example.com/v1/status", timeout=5)


def torch_download_any(url, save_path):
    # ruleid: MLS303
    torch.hub.download_url_to_file(url, save_path)
    # ruleid: MLS303
    return torch.hub.load_state_dict_from_url(url, progress=True, weights_only=True)


def keras_download(url, file_path):
    # ruleid: MLS303
    return get_file(origin=url, fname=file_path, cache_dir=".")


def keras_checked(url, file_path, sha256):
    # ok: MLS303
    return get_file(origin=url, fname=file_path, file_hash=sha256)


CHECKPOINTS = "./pretrained/"


def drive_download(file_id):
    target = CHECKPOINTS + "segmentation.pth"
    # ruleid: MLS303
    gdown.download(f"https://drive.google.com/uc?id={file_id}", target, quiet=False)


def drive_download_page(file_id):
    # ok: MLS303
    gdown.download(f"https://drive.google.com/uc?id={file_id}", CHECKPOINTS + "README.md")


from google_drive_downloader import GoogleDriveDownloader as gdd

# ruleid: MLS303
gdd.download_file_from_google_drive(file_id="1AbCdEfGhIjKlMnOpQrStUvWxYz012345", dest_path="./weights/model_final.pth", unzip=False)
# ok: MLS303
gdd.download_file_from_google_drive(file_id="1AbCdEfGhIjKlMnOpQrStUvWxYz012345", dest_path="./docs/notes.md")
