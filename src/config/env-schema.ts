// The environment variables Mention Desk reads, with what each expects (README "Configuration").
import { z } from 'zod';

const optionalText = z.string().trim().min(1).optional();
const url = z.url().optional();
const flag = z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1');

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// connection URL').optional(),
  DESK_DATA_DIR: z.string().default('./.data'),
  DESK_POLICY: optionalText,
  INTAKE_SECRET: z.string().min(16, 'at least 16 characters (a long random string)').optional(),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'a bot token starting xoxb-').optional(),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'an app-level token starting xapp-').optional(),
  SLACK_API_URL: url,
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  TEAMS_ALLOW_UNAUTHENTICATED: flag,
  META_APP_SECRET: optionalText,
  META_VERIFY_TOKEN: optionalText,
  META_PAGE_TOKEN: optionalText,
  META_GRAPH_API_URL: url,
  X_BEARER_TOKEN: optionalText,
  X_API_URL: url,
});

export type Env = z.infer<typeof envSchema>;
