// Owns what both export CLIs share: the checkpoints and public key to put in a proof, and writing the zip.
import { readFile, writeFile } from 'node:fs/promises';
import type { Checkpoint } from '../services/checkpoint-ports.js';
import type { ExportDeps } from '../services/export-case.js';
import { createCheckpointFolder } from '../store/checkpoint-folder.js';
import { PgExportSource } from '../store/pg-export-source.js';
import type { CliDesk } from './cli-desk-context.js';

export async function exportDeps(desk: CliDesk): Promise<ExportDeps> {
  const settings = desk.checkpoints;
  const checkpoints: Checkpoint[] = settings ? (await createCheckpointFolder(settings.dir).readAll()).checkpoints.map((c) => c.checkpoint) : [];
  const keyFile = settings?.publicKeyFile;
  return { source: new PgExportSource(desk.db), checkpoints, publicKeyPem: keyFile ? await readFile(keyFile, 'utf8') : null };
}

/** Never overwrites: an export is evidence, and a second one is a new file. */
export async function writeExport(file: string, zip: Buffer): Promise<void> {
  await writeFile(file, zip, { flag: 'wx', mode: 0o600 });
  console.log(`wrote ${file} (${zip.length} bytes): report.html to read, JSON beside it`);
}
