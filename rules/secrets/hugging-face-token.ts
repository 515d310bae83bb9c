import { defineRule } from '../../engine/rule';
import { secretDocs, secretVisitors, SECRET_REFERENCES } from './scan';

export default defineRule({
  meta: {
    code: 'MLS201',
    name: 'hugging-face-token',
    title: 'Hugging Face token in code',
    category: 'hardcoded-secret',
    sensitive: true,
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    references: SECRET_REFERENCES,
    sources: ['gitleaks:huggingface-access-token', 'detect-secrets:HuggingFaceDetector'],
  },
  docs: secretDocs({
    what: `Flags Hugging Face user access tokens (\`hf_\` followed by 34 or more letters and digits) and legacy organization tokens (\`api_org_\`).`,
    example: `from huggingface_hub import login

login(token="hf_...")  # a real token here`,
    useInstead: `import os
from huggingface_hub import login

login(token=os.environ["HF_TOKEN"])`,
    envVar: 'HF_TOKEN',
  }),
  create: (ctx) => secretVisitors(ctx, 'MLS201'),
});
