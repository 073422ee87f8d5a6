// Owns `npm run export:case -- MD-1042 [--out FILE.zip]`: one case for an FOI request, complaint or investigation.
import { parseArgs } from 'node:util';
import { buildCaseExport, caseExportZip } from '../services/export-case.js';
import { openCliDesk, runCli } from './cli-desk-context.js';
import { exportDeps, writeExport } from './export-data.js';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
  const caseId = positionals[0]?.toUpperCase();
  if (!caseId) {
    console.error('Usage: npm run export:case -- MD-1042 [--out MD-1042.zip]');
    return 2;
  }
  const desk = await openCliDesk();
  try {
    const exported = await buildCaseExport(desk.ctx, await exportDeps(desk), caseId);
    await writeExport(values.out ?? `${caseId}-export.zip`, await caseExportZip(desk.ctx, exported));
    console.log(exported.proof.gap ? `proof: ${exported.proof.gap}` : `proof: anchored at seq ${exported.proof.anchor?.seq} by the checkpoint of ${exported.proof.anchor?.checkpointAt}`);
    return 0;
  } finally {
    await desk.close();
  }
}

runCli('export:case', main);
