// A human summary of a policy, for policy:check and the start-up log.
import type { Policy } from './policy-schema.js';

export function summarisePolicy(p: Policy): string[] {
  const hours = Object.entries(p.calendar.hours)
    .map(([day, periods]) => `${day} ${(periods ?? []).map((x) => `${x.start}-${x.end}`).join(', ')}`)
    .join('; ');
  return [
    `Council: ${p.council.name} (${p.council.website})`,
    `Monitoring hours: ${hours} (${p.calendar.timeZone}; holidays ${p.calendar.holidays ? `${p.calendar.holidays.country}-${p.calendar.holidays.region ?? ''}` : 'none'}; ${p.calendar.closures.length} closure days${p.calendar.partialClosures.length ? `; closed part of a day: ${p.calendar.partialClosures.map((c) => `${c.name} (${c.date ?? `every ${c.every}`} from ${c.from}${c.until ? ` to ${c.until}` : ''})`).join(', ')}` : ''})`,
    `People: ${p.people.length} (${countRoles(p)}); role groups: ${p.groups.length}`,
    `Triage channel: ${describeChannel(p.channels.triage)}`,
    `Services: ${p.services.map((s) => `${s.name} [${s.tag}]${s.leads.length ? ` led by ${s.leads.join(', ')}` : ''}`).join('; ')}`,
    `Kinds: ${p.kinds.map((k) => k.id).join(', ')}`,
    `Clocks: ${p.clocks.map((c) => `${c.name} (${c.within.map((w) => JSON.stringify(w)).join(' or ')})`).join('; ')}`,
    `House rules: ${p.houseRules.map((r) => `${r.id} → ${r.actions.join('+')}`).join('; ')}`,
    `Approval needed for: ${p.moderation.needsApproval.join(', ')}; block appeal after ${p.moderation.appealAfterMonths} months`,
    `Networks: ${Object.entries(p.networks).map(([id, n]) => `${id} (${n.textLimit ?? 'no'} char limit${n.replyOnNetwork ? ', reply on the network' : ''})`).join('; ')}`,
    `Pre-election periods: ${p.replyRules.preElectionPeriods.map((x) => `${x.name} ${x.from}..${x.to}`).join('; ') || 'none'}`,
  ];
}

function countRoles(p: Policy): string {
  const counts = new Map<string, number>();
  p.people.flatMap((x) => x.roles).forEach((r) => counts.set(r, (counts.get(r) ?? 0) + 1));
  return [...counts].map(([r, n]) => `${n} ${r}`).join(', ') || 'nobody yet';
}

function describeChannel(c: { slack?: string | undefined; teams?: string | undefined }): string {
  const parts = [c.slack ? `Slack ${c.slack}` : null, c.teams ? `Teams ${c.teams}` : null].filter(Boolean);
  return parts.join(', ') || 'not set';
}
