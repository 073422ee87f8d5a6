// Owns the names of what a card's buttons and forms ask the desk to do: one list, so a button naming an action the desk
// does not know is a compile error, not a click that answers "Unknown action". What arrives from Slack, Teams or the
// web desk is still a string, checked by commandFromAction.
import { ESCALATION_ANSWER_ACTIONS } from './escalation-answer-commands.js';

export const CARD_ACTION_IDS = [
  'case.claim',
  'case.release',
  'case.resume',
  'case.reopen',
  'case.wait',
  'case.reassign',
  'case.classify',
  'case.escalate',
  'case.police.refer',
  'case.escalation.acknowledge',
  'case.escalation.decline',
  'case.safeguarding.dismiss',
  'case.reply.submit',
  'case.reply.approve',
  'case.reply.reject',
  'case.moderate',
  'case.moderation.approve',
  'case.moderation.reject',
  'case.close',
  ...ESCALATION_ANSWER_ACTIONS,
] as const;

export type CardActionId = (typeof CARD_ACTION_IDS)[number];
