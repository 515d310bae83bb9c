import { defineRule } from '../../engine/rule';
import { secretDocs, secretVisitors, SECRET_REFERENCES } from './scan';

export default defineRule({
  meta: {
    code: 'MLS206',
    name: 'developer-tokens',
    title: 'Other ML and developer tokens in code: GitHub, Slack, Replicate, Groq, LangSmith, Perplexity, Cohere, Midtrans, Razorpay',
    category: 'hardcoded-secret',
    sensitive: true,
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    references: SECRET_REFERENCES,
    sources: ['gitleaks:github-pat', 'gitleaks:slack-bot-token'],
  },
  docs: secretDocs({
    what: `Flags GitHub tokens (\`ghp_\`, \`gho_\`, \`ghu_\`, \`ghs_\`, \`ghr_\`, \`github_pat_\`), Slack tokens (\`xox?-\`), Replicate (\`r8_\`), Groq (\`gsk_\`), LangSmith (\`lsv2_pt_\` / \`lsv2_sk_\`), Perplexity (\`pplx-\`), Cohere keys (40 characters next to \`cohere\`), and the payment providers' Midtrans server keys (\`Mid-server-\`, \`SB-Mid-server-\`) and Razorpay live keys (\`rzp_live_\`).`,
    example: `import replicate

client = replicate.Client(api_token="r8_...")  # a real token here`,
    useInstead: `import replicate

client = replicate.Client()  # reads REPLICATE_API_TOKEN`,
    envVar: 'GITHUB_TOKEN',
  }),
  create: (ctx) => secretVisitors(ctx, 'MLS206'),
});
