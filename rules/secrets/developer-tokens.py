import cohere
import replicate
from groq import Groq
from slack_sdk import WebClient

# ruleid: MLS206
GITHUB_TOKEN = "ghp_Jn9QzCUMOGGpKOPEx9T6x9YBleoTRgmTkXmL"
# ruleid: MLS206
slack = WebClient(token="xoxb-707905869912-5303216841773-UIWug9CYx4TblJcyLAHaY6kq")
# ruleid: MLS206
rep = replicate.Client(api_token="r8_ZIvmkiBqdfwdGdGgRHKcPzQx12FWQ5vRB24dT")
# ruleid: MLS206
groq = Groq(api_key="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")
# ruleid: MLS206
LANGSMITH_API_KEY = "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"
# ruleid: MLS206
PPLX = "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"
# ruleid: MLS206
co = cohere.Client("98tBqsVi3CXFlnb5SbZijXQTDAoQNCvMKjjzvHFb")

# ok: MLS206
no_context = "98tBqsVi3CXFlnb5SbZijXQTDAoQNCvMKjjzvHFb"
# ok: MLS206
placeholder = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"

# ruleid: MLS206
MIDTRANS_SERVER_KEY = "SB-Mid-server-5QON7RiOdEt2V1LPJLGpbr0o"
# ruleid: MLS206
RAZORPAY_KEY = "rzp_live_4nArJKpArpkZld"
# ok: MLS206
midtrans_client = "SB-Mid-client-OkCRbHWnFJwn14eA"
# ok: MLS206
razorpay_test = "rzp_test_0v3WayDmN3kJhZ"
