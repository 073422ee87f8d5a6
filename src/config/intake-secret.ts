// The intake secret: INTAKE_SECRET, or for a local first run one generated and kept in the data folder.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface IntakeSecret {
  readonly secret: string;
  readonly source: 'env' | 'generated' | 'data-dir';
  readonly file: string | null;
}

/** Only for the embedded store: with a real DATABASE_URL the secret must be set explicitly. */
export async function resolveIntakeSecret(configured: string | null, dataDir: string, embedded: boolean): Promise<IntakeSecret | null> {
  if (configured) return { secret: configured, source: 'env', file: null };
  if (!embedded) return null;
  const file = join(dataDir, 'intake-secret');
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing?.trim()) return { secret: existing.trim(), source: 'data-dir', file };
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return { secret, source: 'generated', file };
}
