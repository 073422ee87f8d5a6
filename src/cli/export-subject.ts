// Owns `npm run export:subject -- --network x --author 12345 [--out FILE.zip]`: a subject access request's answer.
import { parseArgs } from 'node:util';
import { buildSubjectExport, subjectExportZip } from '../services/export-subject.js';
import { openCliDesk, runCli } from './cli-desk-context.js';
import { exportDeps, writeExport } from './export-data.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { network: { type: 'string' }, author: { type: 'string' }, out: { type: 'string' } } });
  if (!values.network || !values.author) {
    console.error('Usage: npm run export:subject -- --network x --author 12345 [--out subject.zip]');
    return 2;
  }
  const desk = await openCliDesk();
  try {
    const exported = await buildSubjectExport(desk.ctx, (await exportDeps(desk)).source, values.network, values.author);
    await writeExport(values.out ?? `subject-${values.network}-${values.author}.zip`, await subjectExportZip(desk.ctx, exported));
    console.log(`${exported.cases.length} case(s), account ${exported.account ? 'held' : 'not held'}`);
    return 0;
  } finally {
    await desk.close();
  }
}

runCli('export:subject', main);
