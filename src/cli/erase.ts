// Owns `npm run erase`: an erasure request for one author or one case, approved by a person the policy names.
import { parseArgs } from 'node:util';
import { erasePersonalData, type ErasureScope } from '../services/erase-personal-data.js';
import { openCliDesk, runCli } from './cli-desk-context.js';

const USAGE = `Usage: npm run erase -- (--network x --author 12345 | --case MD-1042) --requested-by "data subject, DP-2026-114" --approved-by PERSON-ID --basis "UK GDPR Art 17(1)(a)"`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: {
    network: { type: 'string' }, author: { type: 'string' }, case: { type: 'string' },
    'requested-by': { type: 'string' }, 'approved-by': { type: 'string' }, basis: { type: 'string' },
  } });
  const scope: ErasureScope | null = values.case ? { caseId: values.case.toUpperCase() } : values.network && values.author ? { authorKey: `${values.network}:${values.author}` } : null;
  if (!scope || !values['requested-by'] || !values['approved-by'] || !values.basis) {
    console.error(USAGE);
    return 2;
  }
  const desk = await openCliDesk();
  try {
    const result = await erasePersonalData(desk.ctx, { scope, requestedBy: values['requested-by'], approverId: values['approved-by'], lawfulBasis: values.basis });
    console.log(`erasure ${result.erasureId}:`);
    for (const c of result.cases) console.log(`  ${c.caseId}: ${c.outcome}${c.heldBack ? ` — ${c.heldBack}` : ''}${c.removed.length ? `\n    removed: ${c.removed.join('; ')}` : ''}`);
    if ('authorKey' in scope) console.log(result.accountForgotten ? `  account ${scope.authorKey}: forgotten` : `  account ${scope.authorKey}: kept (a case is held back, or none was stored)`);
    return 0;
  } finally {
    await desk.close();
  }
}

runCli('erase', main);
