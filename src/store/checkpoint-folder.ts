// Owns the checkpoint folder: one JSON file per checkpoint, named by sequence so a listing is in order.
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Checkpoint, CheckpointArchive } from '../services/checkpoint-ports.js';

const point = z.object({ seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) });
const checkpointSchema = z.object({
  kind: z.literal('mention-desk.checkpoint'),
  version: z.literal(1),
  council: z.string(),
  at: z.iso.datetime(),
  head: point,
  marks: z.array(point),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.string().min(1),
});

const FILE = /^checkpoint-\d{12}-[0-9TZ]+\.json$/;

export function createCheckpointFolder(dir: string): CheckpointArchive {
  return {
    location: dir,
    async write(c: Checkpoint): Promise<string> {
      await mkdir(dir, { recursive: true });
      const file = join(dir, `checkpoint-${String(c.head.seq).padStart(12, '0')}-${c.at.replace(/[-:.]/g, '').replace(/\d{3}Z$/, 'Z')}.json`);
      // Written whole or not at all: a half-written file would read as a forged checkpoint.
      await writeFile(`${file}.tmp`, `${JSON.stringify(c, null, 2)}\n`, { mode: 0o644 });
      await rename(`${file}.tmp`, file);
      return file;
    },
    async readAll() {
      const names = (await readdir(dir).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? [] : Promise.reject(e)))).filter((n) => FILE.test(n)).sort();
      const checkpoints: Array<{ file: string; checkpoint: Checkpoint }> = [];
      const unreadable: string[] = [];
      for (const name of names) {
        const parsed = checkpointSchema.safeParse(await readFile(join(dir, name), 'utf8').then((t) => JSON.parse(t) as unknown).catch(() => null));
        if (parsed.success) checkpoints.push({ file: name, checkpoint: parsed.data });
        else unreadable.push(name);
      }
      return { checkpoints, unreadable };
    },
  };
}
