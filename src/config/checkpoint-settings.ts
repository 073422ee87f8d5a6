// Owns reading where checkpoints go and which key signs them: DESK_CHECKPOINT_DIR, DESK_CHECKPOINT_KEY,
// DESK_CHECKPOINT_PUBLIC_KEY (docs/erasure-design.md "Anchored history").
import { z } from 'zod';

export interface CheckpointSettings {
  /** The folder outside the database the signed checkpoints are written to. */
  readonly dir: string;
  /** PEM file of the council's Ed25519 private key; null: this process can check checkpoints but not sign them. */
  readonly privateKeyFile: string | null;
  /** PEM file of the public key to check with; null: the private key's public half. */
  readonly publicKeyFile: string | null;
}

const envSchema = z.object({
  DESK_CHECKPOINT_DIR: z.string().trim().min(1).optional(),
  DESK_CHECKPOINT_KEY: z.string().trim().min(1).optional(),
  DESK_CHECKPOINT_PUBLIC_KEY: z.string().trim().min(1).optional(),
});

/** Null when no folder is configured: the desk publishes no checkpoints and audit:verify checks the chain alone. */
export function checkpointSettingsFromEnv(env: Record<string, string | undefined> = process.env): CheckpointSettings | null {
  const e = envSchema.parse(Object.fromEntries(Object.entries(env).filter(([, v]) => v?.trim())));
  if (!e.DESK_CHECKPOINT_DIR) return null;
  return { dir: e.DESK_CHECKPOINT_DIR, privateKeyFile: e.DESK_CHECKPOINT_KEY ?? null, publicKeyFile: e.DESK_CHECKPOINT_PUBLIC_KEY ?? null };
}
