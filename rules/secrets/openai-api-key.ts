import { defineRule } from '../../engine/rule';
import { secretDocs, secretVisitors, SECRET_REFERENCES } from './scan';

export default defineRule({
  meta: {
    code: 'MLS202',
    name: 'openai-api-key',
    title: 'OpenAI API key in code',
    category: 'hardcoded-secret',
    sensitive: true,
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    references: SECRET_REFERENCES,
    sources: ['gitleaks:openai-api-key'],
  },
  docs: secretDocs({
    what: `Flags OpenAI API keys: \`sk-\`, \`sk-proj-\`, \`sk-svcacct-\` or \`sk-admin-\` keys that carry the \`T3BlbkFJ\` marker OpenAI embeds in them, and \`sk-proj-\`, \`sk-svcacct-\` and \`sk-admin-\` keys of 40 characters or more without it (those prefixes are OpenAI's alone).`,
    example: `from openai import OpenAI

client = OpenAI(api_key="sk-proj-...")  # a real key here`,
    useInstead: `from openai import OpenAI

client = OpenAI()  # reads OPENAI_API_KEY`,
    envVar: 'OPENAI_API_KEY',
  }),
  create: (ctx) => secretVisitors(ctx, 'MLS202'),
});
