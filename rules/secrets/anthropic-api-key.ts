import { defineRule } from '../../engine/rule';
import { secretDocs, secretVisitors, SECRET_REFERENCES } from './scan';

export default defineRule({
  meta: {
    code: 'MLS203',
    name: 'anthropic-api-key',
    title: 'Anthropic API key in code',
    category: 'hardcoded-secret',
    sensitive: true,
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    references: SECRET_REFERENCES,
    sources: ['gitleaks:anthropic-api-key'],
  },
  docs: secretDocs({
    what: `Flags Anthropic API and admin keys (\`sk-ant-api03-\` / \`sk-ant-admin01-\`, 93 characters and a final \`AA\`).`,
    example: `import anthropic

client = anthropic.Anthropic(api_key="sk-ant-api03-...")  # a real key here`,
    useInstead: `import anthropic

client = anthropic.Anthropic()  # reads ANTHROPIC_API_KEY`,
    envVar: 'ANTHROPIC_API_KEY',
  }),
  create: (ctx) => secretVisitors(ctx, 'MLS203'),
});
