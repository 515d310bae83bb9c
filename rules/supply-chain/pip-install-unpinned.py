import os
import subprocess
import sys

import pip

# ruleid: MLS304
pip.main(["install", "transformers"])
# ruleid: MLS304
subprocess.check_call([sys.executable, "-m", "pip", "install", "datasets>=2.0"])
# ruleid: MLS304
subprocess.run(["pip", "install", "git+https://github.com/huggingface/peft.git"], check=True)
# ruleid: MLS304
os.system("pip install -U accelerate")

# ok: MLS304
pip.main(["install", "transformers==4.44.2"])
# ok: MLS304
subprocess.check_call([sys.executable, "-m", "pip", "install", "-r", "requirements.txt"])
# ok: MLS304
subprocess.run(["pip", "install", "git+https://github.com/huggingface/peft.git@4e3a5c62d8c7b3b1f5a5a3c1d9e2f0a8b7c6d5e4"], check=True)
# ok: MLS304
subprocess.run(["git", "status"], check=True)


LOCKED = ["torch==2.4.1", "transformers==4.44.2"]
LOOSE = ["torch==2.4.1", "accelerate"]
# ok: MLS304
subprocess.check_call([sys.executable, "-m", "pip", "install", *LOCKED])
# ruleid: MLS304
subprocess.check_call([sys.executable, "-m", "pip", "install", *LOOSE])


def install_missing():
    packages = ["transformers", "accelerate==0.34.2"]
    for package in packages:
        # ruleid: MLS304
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", package], check=True)
    for pinned in ("numpy==2.1.1", "scipy==1.14.1"):
        # ok: MLS304
        subprocess.check_call([sys.executable, "-m", "pip", "install", pinned])
