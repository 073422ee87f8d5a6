// Owns offering the policy's ready replies (signposting, "report it online") in the reply form, for the case's service.
import type { Case } from '../domain/case.js';
import type { Mention } from '../domain/mention.js';
import { NO_LEARNING, type LearnedModels } from '../policy/combine-suggestions.js';
import type { Policy } from '../policy/policy-schema.js';
import { readMention } from '../policy/read-mention.js';
import { signpostsFor } from '../policy/signposts.js';
import type { CardField } from './card-model.js';

/** The form field the chosen template comes back in (src/cards/command-from-action.ts). */
export const SIGNPOST_FIELD = 'signpost';
/** A Slack static select takes at most 100 options. */
const MAX_OPTIONS = 100;

/**
 * The case's service (as classified, else as suggested) decides which ready replies are offered first. Never
 * preselected: with the reply box empty the chosen text is sent; with a reply written, the choice is recorded as
 * the template it was adapted from (001 matrix option 3, 002 §6.2.3).
 */
export function signpostField(policy: Policy, c: Case, m: Mention, learned: LearnedModels = NO_LEARNING): CardField[] {
  const tag = c.classification?.serviceTag ?? readMention(policy, m, learned).serviceTag;
  const templates = signpostsFor(policy, tag).slice(0, MAX_OPTIONS);
  if (!templates.length) return [];
  return [{
    kind: 'select', id: SIGNPOST_FIELD, label: 'Ready reply (signpost)', optional: true,
    options: templates.map((t) => ({ value: t.id, label: `${t.kind === 'report_online' ? 'Report online: ' : ''}${t.label}`.slice(0, 75) })),
    hint: 'Leave the reply empty to send the ready reply as it is, or adapt it in the reply box: either way it is counted as signposting.',
  }];
}
