import { defineRule } from '../../engine/rule';
import { secretDocs, secretVisitors, SECRET_REFERENCES } from './scan';

export default defineRule({
  meta: {
    code: 'MLS205',
    name: 'cloud-credentials',
    title: 'Cloud credentials in code: AWS, Google, Azure OpenAI, private keys',
    category: 'hardcoded-secret',
    sensitive: true,
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    references: SECRET_REFERENCES,
    sources: ['gitleaks:aws-access-token', 'gitleaks:gcp-api-key', 'gitleaks:private-key'],
  },
  docs: secretDocs({
    what: `Flags AWS access key ids (\`AKIA\`, \`ASIA\`, \`ABIA\`, \`ACCA\`) and secret access keys next to them, Google API keys (\`AIza\`), Azure OpenAI keys next to an \`openai.azure.com\` endpoint, and PEM private keys (also the \`private_key\` of a GCP service-account JSON).`,
    example: `import boto3

s3 = boto3.client("s3", aws_access_key_id="AKIA...", aws_secret_access_key="...")`,
    useInstead: `import boto3

s3 = boto3.client("s3")  # credentials from the environment, a profile or an instance role`,
    envVar: 'AWS_ACCESS_KEY_ID',
  }),
  create: (ctx) => secretVisitors(ctx, 'MLS205'),
});
