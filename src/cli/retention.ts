// Owns `npm run retention -- [--dry-run]`: applies the policy's retention schedule now, or shows what it would do.
import { parseArgs } from 'node:util';
import { applyRetention } from '../services/apply-retention.js';
import { openCliDesk, runCli } from './cli-desk-context.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } });
  const desk = await openCliDesk();
  try {
    const report = await applyRetention(desk.ctx, { dryRun: values['dry-run'] });
    const verb = report.dryRun ? 'would redact' : 'redacted';
    console.log(`${verb} ${report.cases.length} closed case(s)${report.dryRun ? ' (dry run: nothing changed)' : ` (run ${report.runId})`}`);
    for (const c of report.cases) console.log(`  ${c.caseId}: ${c.recordClass}, closed ${c.closedAt}, due ${c.due}`);
    console.log(`${report.dryRun ? 'would prune' : 'pruned'} ${report.outboxItems} finished outbox item(s) and ${report.unreadable} unreadable deliver(ies)`);
    return 0;
  } finally {
    await desk.close();
  }
}

runCli('retention', main);
