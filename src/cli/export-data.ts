// Owns what both export CLIs share: the checkpoints and public key to put in a proof, and writing the zip.
import { writeFile } from 'node:fs/promises';
import type { ExportDeps } from '../services/export-case.js';
import { exportDepsFor } from '../store/export-deps.js';
import type { CliDesk } from './cli-desk-context.js';

export function exportDeps(desk: CliDesk): Promise<ExportDeps> {
  return exportDepsFor(desk.db, desk.checkpoints);
}

/** Never overwrites: an export is evidence, and a second one is a new file. */
export async function writeExport(file: string, zip: Buffer): Promise<void> {
  await writeFile(file, zip, { flag: 'wx', mode: 0o600 });
  console.log(`wrote ${file} (${zip.length} bytes): report.html to read, JSON beside it`);
}
