// Owns short case lists for /desk and the App Home: one section per case with who, what, state and deadline.
import type { types } from '@slack/bolt';
import type { Case } from '../../domain/case.js';
import type { Mention } from '../../domain/mention.js';
import type { ListedCase } from '../../services/desk-queries.js';
import { formatLocalTime } from '../../policy/format-local-time.js';
import type { Policy } from '../../policy/policy-schema.js';
import { escapeAndCut, escapeSlack, link, mrkdwn } from './slack-text.js';
import { overdueFirstResponse } from '../../domain/first-response.js';

export function renderCaseList(items: readonly ListedCase[], policy: Policy, now: Date, empty: string): types.KnownBlock[] {
  if (!items.length) return [{ type: 'context', elements: [mrkdwn(`_${escapeSlack(empty)}_`)] }];
  return items.map(({ case: c, mention: m }) => ({ type: 'section', block_id: `case-${c.id}`, text: mrkdwn(caseLine(c, m, policy, now)) }));
}

export function caseLine(c: Case, m: Mention, policy: Policy, now: Date): string {
  const network = policy.networks[m.network]?.displayName ?? m.network;
  const who = escapeAndCut(m.author.name || m.author.handle || 'someone', 100).text;
  const due = c.deadlines['first_response'];
  const overdue = overdueFirstResponse(c, now) !== null;
  const deadline = due ? ` · respond by ${formatLocalTime(due, policy.calendar.timeZone, now)}${overdue ? ' :warning: *overdue*' : ''}` : '';
  const holder = c.owner ? ` · ${escapeSlack(c.owner.name)}` : ' · unclaimed';
  const head = `*${c.id}* · ${escapeSlack(network)} ${m.kind.replace('_', ' ')} from *${who}* · ${c.state}${holder}${deadline} · risk ${c.risk}`;
  return `${head}\n>${escapeAndCut(m.text.replace(/\s+/g, ' '), 200).text} ${link(m.url, 'original')}`;
}
