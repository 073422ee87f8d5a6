// Owns describing the size of every lexicon in a policy, so a council tuning its file sees what it has.
import type { Policy } from './policy-schema.js';

const count = (terms: readonly unknown[], patterns: readonly unknown[] = []) => `${terms.length}${patterns.length ? `+${patterns.length}p` : ''}`;

/** One line per lexicon family: "Kind cues: complaint 130+11p, question 52 …" (p = patterns). */
export function summariseLexicons(p: Policy): string[] {
  const keywords = p.services.reduce((n, s) => n + s.keywords.length, 0);
  const withCues = p.kinds.filter((k) => k.terms.length || k.patterns.length);
  return [
    `Lexicons (words+patterns):`,
    `  Service keywords: ${keywords} across ${p.services.length} services (${p.services.filter((s) => s.keywords.length).map((s) => `${s.tag} ${s.keywords.length}`).join(', ')})`,
    `  Kind cues: ${withCues.map((k) => `${k.id} ${count(k.terms, k.patterns)}`).join(', ') || 'none'}`,
    `  House rules: ${p.houseRules.map((r) => `${r.id} ${count(r.lexicon, r.patterns)}`).join(', ')}`,
    `  Safeguarding concerns: ${p.safeguarding.concerns.map((c) => `${c.id} ${count(c.terms, c.patterns)}${c.who.length ? ` (${c.who.length} who × ${c.what.length} what)` : ''}`).join(', ') || 'none'}; policy terms ${p.risk.safeguardingTerms.length}`,
    `  Threats: ${count(p.safeguarding.threats.terms, p.safeguarding.threats.patterns)}`,
    `  Risk words: high ${p.risk.highRiskTerms.length}, medium ${p.risk.mediumRiskTerms.length}, reputational ${p.risk.reputationalTerms.length}, controversial subjects ${p.risk.controversialTerms.length}; political terms ${p.replyRules.politicalTerms.length}`,
    `  Ready replies: ${signposts(p)}`,
    `  Reader model: ${reader(p)}`,
    `  Reader concepts: ${Object.entries(p.reader.concepts).map(([c, words]) => `${c} ${words.length}`).join(', ') || 'none'}`,
  ];
}

/** "30 (signpost 18, report online 12) for 19 services and general". */
function signposts(p: Policy): string {
  const t = p.signposts.templates;
  if (!t.length) return 'none';
  const kinds = (k: string) => t.filter((x) => x.kind === k).length;
  const services = new Set(t.map((x) => x.service).filter((s) => s !== 'general'));
  return `${t.length} (signpost ${kinds('signpost')}, report online ${kinds('report_online')}) for ${services.size} services${t.some((x) => x.service === 'general') ? ' and general' : ''}`;
}

/** "seed model on; speaks at safeguarding 5%, threat 5% …": the bars a council tunes (policy `reader`). */
function reader(p: Policy): string {
  const r = p.reader;
  if (!r.seedModel) return 'seed model off (the lexicons read alone)';
  // One decimal: the safeguarding bar is 4.5%, which whole percents would show as 5%.
  const pc = (x: number) => `${Number((x * 100).toFixed(1))}%`;
  return `seed model on, for texts of ${r.minWords}+ words; speaks at safeguarding ${pc(r.safeguardingAt)} (kind and risk follow at ${pc(r.safeguardingSureAt)}), threat ${pc(r.threatAt)} (${pc(r.threatWhenReferredAt)} in a mention referred anyway), house rule ${pc(r.houseRuleAt)}${houseRuleBars(r.houseRuleAtFor, pc)}, kind ${pc(r.kindAt)} (the lexicons' kind +${pc(r.kindLexiconWeight)}), service ${pc(r.serviceAt)} (the lexicons' service +${pc(r.serviceLexiconWeight)}), risk ${pc(r.riskAt)} (the lexicons' risk +${pc(r.riskLexiconWeight)})`;
}

/** " (bad_language 40%, spam 10%)": the rules with a bar of their own (`reader.houseRuleAtFor`). */
function houseRuleBars(bars: Readonly<Record<string, number>>, pc: (x: number) => string): string {
  const own = Object.entries(bars).map(([id, at]) => `${id} ${pc(at)}`);
  return own.length ? ` (${own.join(', ')})` : '';
}
