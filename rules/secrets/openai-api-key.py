import os

import openai
from openai import OpenAI

# ruleid: MLS202
client = OpenAI(api_key="sk-proj-PyQnP8o4FG5B5EGnwAp_cz2jlPR9_RrxEmlKi_MfT3BlbkFJ549e3y3FEYVFPqTLkCVeHcKMTXsHH-hkz0nQQG9W")

# ruleid: MLS202
openai.api_key = "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"

CONFIG = {
    # ruleid: MLS202
    "openai_key": "sk-proj-PyQnP8o4FG5B5EGnwAp_cz2jlPR9_RrxEmlKi_MfT3BlbkFJ549e3y3FEYVFPqTLkCVeHcKMTXsHH-hkz0nQQG9W",
}

# ok: MLS202
fine = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
# ok: MLS202
placeholder = OpenAI(api_key="sk-...")
# ok: MLS202
example = "sk-proj-xxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxx"

# ruleid: MLS202
PROJECT_KEY = "sk-proj-UFawfnXlgH1JnxlJPv4bxOe5Lxl5S8yLaDGJ9zmaKs5rYkFc"
# ruleid: MLS202
SERVICE_KEY = "sk-svcacct-KTmfb729qKLmymMIXoiaSXedCpoEPrNFk7Xa7Vo0wlGv1lpR81hcRLgw"
# ok: MLS202
marked_fake = "sk-proj-AhGyvtsDZ89PWX88NeRO123456gJAyUwBqACRVBU6w699eFN"
# ok: MLS202
too_short = "sk-proj-u0ANO1auejPXt56YQ4oP"
