import { defineRule } from '../../engine/rule';
import { secretDocs, secretVisitors, SECRET_REFERENCES } from './scan';

export default defineRule({
  meta: {
    code: 'MLS204',
    name: 'wandb-api-key',
    title: 'Weights & Biases API key in code',
    category: 'hardcoded-secret',
    sensitive: true,
    severity: 'error',
    confidence: 'high',
    fix: 'unsafe',
    references: SECRET_REFERENCES,
    sources: ['detect-secrets:keyword'],
  },
  docs: secretDocs({
    what: `Flags Weights & Biases API keys: 40 hexadecimal characters next to \`wandb\` or \`WANDB_API_KEY\` (a bare 40-hex string is usually a git sha, so context is required), and the newer \`wandb_v1_\` keys.`,
    example: `import wandb

wandb.login(key="0123...")  # a real key here`,
    useInstead: `import wandb

wandb.login()  # reads WANDB_API_KEY`,
    envVar: 'WANDB_API_KEY',
  }),
  create: (ctx) => secretVisitors(ctx, 'MLS204'),
});
