import os
import cohere
import replicate
from groq import Groq
from slack_sdk import WebClient

# ruleid: MLS206
GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]
# ruleid: MLS206
slack = WebClient(token=os.environ["SLACK_TOKEN"])
# ruleid: MLS206
rep = replicate.Client(api_token=os.environ["REPLICATE_API_TOKEN"])
# ruleid: MLS206
groq = Groq(api_key=os.environ["GROQ_API_KEY"])
# ruleid: MLS206
LANGSMITH_API_KEY = os.environ["LANGSMITH_API_KEY"]
# ruleid: MLS206
PPLX = os.environ["PERPLEXITY_API_KEY"]
# ruleid: MLS206
co = cohere.Client(os.environ["COHERE_API_KEY"])

# ok: MLS206
no_context = "98tBqsVi3CXFlnb5SbZijXQTDAoQNCvMKjjzvHFb"
# ok: MLS206
placeholder = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"

# ruleid: MLS206
MIDTRANS_SERVER_KEY = os.environ["MIDTRANS_SERVER_KEY"]
# ruleid: MLS206
RAZORPAY_KEY = os.environ["RAZORPAY_KEY_ID"]
# ok: MLS206
midtrans_client = "SB-Mid-client-OkCRbHWnFJwn14eA"
# ok: MLS206
razorpay_test = "rzp_test_0v3WayDmN3kJhZ"
