// Owns the desk command's answers as Adaptive Cards: a short list of cases (mine, the queue), and the help.
import { DESK_HELP } from '../../services/desk-queries.js';
import type { ListedCase } from '../../services/desk-queries.js';
import { formatLocalTime } from '../../policy/format-local-time.js';
import type { Policy } from '../../policy/policy-schema.js';
import { adaptiveCard, plainRun, textBlock, type AcElement, type AdaptiveCard } from './adaptive-elements.js';
import { SHOW_VERB, executeData, payloadOf } from './teams-card-action.js';
import { cutText, neutralise, safeText } from './teams-text.js';
import { overdueFirstResponse } from '../../domain/first-response.js';

export function renderCaseListCard(title: string, items: readonly ListedCase[], policy: Policy, now: Date, empty: string): AdaptiveCard {
  const body: AcElement[] = [textBlock(safeText(title, 200), { id: 'title', size: 'Medium', weight: 'Bolder' })];
  if (!items.length) body.push(textBlock(`_${safeText(empty, 200)}_`, { subtle: true }));
  for (const item of items) body.push(caseItem(item, policy, now));
  return adaptiveCard(body);
}

function caseItem({ case: c, mention: m }: ListedCase, policy: Policy, now: Date): AcElement {
  const network = policy.networks[m.network]?.displayName ?? m.network;
  const who = m.author.name || m.author.handle || 'someone';
  const due = c.deadlines['first_response'];
  const overdue = overdueFirstResponse(c, now) !== null;
  const deadline = due ? ` · respond by ${formatLocalTime(due, policy.calendar.timeZone, now)}${overdue ? ' · **overdue**' : ''}` : '';
  const holder = c.owner ? ` · ${safeText(c.owner.name, 100)}` : ' · unclaimed';
  const head = `**${safeText(c.id, 64)}** · ${safeText(network, 50)} ${m.kind.replace('_', ' ')} from **${safeText(who, 100)}** · ${c.state}${holder}${deadline} · risk ${c.risk}`;
  // "Open" shows the whole card, with its buttons, to the person asking (SHOW_VERB answers only them).
  const open = { type: 'Action.Execute', title: `Open ${cutText(c.id, 64).text}`, verb: SHOW_VERB, data: executeData(payloadOf(c.id, c.version), 'desk') };
  return {
    type: 'Container',
    separator: true,
    items: [textBlock(head), plainRun(neutralise(cutText(m.text.replace(/\s+/g, ' '), 200).text), { italic: true }), { type: 'ActionSet', actions: [open] }],
  };
}

export function renderHelpCard(unknown: string | null): AdaptiveCard {
  const lead = unknown === null ? [] : [textBlock(`I don't know "${safeText(cutText(unknown, 40).text, 60)}".`)];
  const lines = DESK_HELP.map(([verb, what]) => `**desk ${safeText(verb, 40)}**: ${safeText(what, 200)}`);
  return adaptiveCard([...lead, textBlock('Mention Desk', { weight: 'Bolder' }), ...lines.map((l) => textBlock(l, { spacing: 'Small' }))]);
}
