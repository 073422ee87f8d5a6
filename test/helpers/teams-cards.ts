// Owns reading Adaptive Cards the desk sent to the fake Bot Connector, or answered an invoke with: the
// Action.Execute buttons, the words, the facts, and which posts and replacements a card went through.
import type { ConnectorCall } from './fake-bot-connector.js';
import type { PostedActivity } from './teams-activities.js';

export interface ExecuteAction {
  readonly title: string;
  readonly verb: string;
  readonly data: Record<string, unknown>;
}

export interface TeamsCard {
  readonly json: Record<string, unknown>;
  executes(): ExecuteAction[];
  /** Every TextBlock, TextRun and fact as one string, zero-width spaces removed. */
  text(): string;
  fact(title: string): string | undefined;
  /** The case version its buttons carry. */
  version(): number | undefined;
  /** The card's Universal Actions `refresh` (its verb and the users Teams refreshes it for), if any. */
  refresh(): { action: ExecuteAction; userIds: string[] } | undefined;
}

export function teamsCard(json: Record<string, unknown>): TeamsCard {
  // The refresh action is not a button anyone sees: it is read apart (refresh()).
  const { refresh, ...shown } = json;
  const all = walk(shown);
  return {
    json,
    executes: () => all.filter((e) => e['type'] === 'Action.Execute') as unknown as ExecuteAction[],
    text: () => all.flatMap((e) => [e['text'], e['title'], e['value']].filter((x): x is string => typeof x === 'string')).join('\n').replace(/\u200B/g, ''),
    fact: (title) => (all.find((e) => e['type'] === 'FactSet')?.['facts'] as Array<{ title: string; value: string }> | undefined)?.find((f) => f.title === title)?.value,
    version: () => (all.find((e) => e['type'] === 'Action.Execute')?.['data'] as { v?: number } | undefined)?.v,
    refresh: () => refresh as { action: ExecuteAction; userIds: string[] } | undefined,
  };
}

/** The card an invoke was answered with (status 200, application/vnd.microsoft.card.adaptive). */
export function answerCard(res: PostedActivity): TeamsCard {
  const body = res.body as { statusCode?: number; type?: string; value?: Record<string, unknown> };
  if (res.status !== 200 || body?.type !== 'application/vnd.microsoft.card.adaptive' || !body.value) {
    throw new Error(`the invoke was not answered with a card: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return teamsCard(body.value);
}

/** The calls that put this activity's card up: its POST (answered with its id), then each PUT. */
export function callsFor(calls: readonly ConnectorCall[], conversation: string, activityId: string): ConnectorCall[] {
  return calls.filter((c) =>
    (c.method === 'PUT' && c.path === `/v3/conversations/${conversation}/activities/${activityId}` && c.status < 300)
    || (c.method === 'POST' && (c.response as { id?: string } | undefined)?.id === activityId && c.status < 300));
}

export function cardAt(calls: readonly ConnectorCall[], conversation: string, activityId: string): TeamsCard {
  const last = callsFor(calls, conversation, activityId).at(-1);
  if (!last) throw new Error(`the fake holds no activity ${activityId} in ${conversation}`);
  return cardOfCall(last);
}

export function cardOfCall(call: ConnectorCall): TeamsCard {
  const content = (call.body as { attachments?: Array<{ content?: Record<string, unknown> }> }).attachments?.[0]?.content;
  if (!content) throw new Error(`${call.method} ${call.path} carried no card`);
  return teamsCard(content);
}

/** Posts (not replacements) into a conversation or a channel thread. */
export function postsTo(calls: readonly ConnectorCall[], conversation: string): ConnectorCall[] {
  return calls.filter((c) => c.method === 'POST' && c.path === `/v3/conversations/${conversation}/activities` && c.status < 300);
}

function walk(node: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(node)) node.forEach((n) => walk(n, out));
  else if (node && typeof node === 'object') {
    out.push(node as Record<string, unknown>);
    for (const [key, v] of Object.entries(node)) if (key !== 'data') walk(v, out);
  }
  return out;
}
