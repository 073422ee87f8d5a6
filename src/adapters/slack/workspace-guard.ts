// Owns refusing Slack requests from a workspace (or Enterprise Grid organisation) other than the desk's own: a
// Slack app can be installed in several, all signing with the same secret, and a user id means a person only in
// the workspace the policy file was written for.
import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';

export interface SlackWorkspace {
  readonly teamId: string;
  readonly enterpriseId: string | null;
}

/** Why a request from `got` is not the desk's, or null when it is. */
export function foreignWorkspace(expected: SlackWorkspace, got: { teamId?: string | undefined; enterpriseId?: string | undefined }): string | null {
  if (got.teamId !== undefined && got.teamId !== expected.teamId) return `workspace ${got.teamId} is not the desk's (${expected.teamId})`;
  if (got.enterpriseId !== undefined && got.enterpriseId !== expected.enterpriseId) return `organisation ${got.enterpriseId} is not the desk's (${expected.enterpriseId ?? 'none'})`;
  // An org-wide install sends no team; then the organisation alone must match.
  if (got.teamId === undefined && (got.enterpriseId === undefined || expected.enterpriseId === null)) return 'the request names no workspace of the desk';
  return null;
}

/** The workspace a request says it comes from: the team Slack routed it for, not the clicking user's home team. */
export function workspaceOf(body: unknown): { teamId?: string; enterpriseId?: string } {
  const b = (body ?? {}) as Record<string, unknown>;
  const team = record(b['team']);
  const enterprise = record(b['enterprise']);
  const view = record(b['view']);
  const teamId = str(team?.['id']) ?? str(b['team_id']) ?? str(view?.['team_id']);
  const enterpriseId = str(enterprise?.['id']) ?? str(b['enterprise_id']) ?? str(team?.['enterprise_id']);
  return { ...(teamId ? { teamId } : {}), ...(enterpriseId ? { enterpriseId } : {}) };
}

/**
 * Global Bolt middleware: a request from elsewhere is acknowledged (so Slack does not retry it) and goes no
 * further; a slash command is told why. Until the desk knows its own workspace (auth.test at start), nothing passes.
 */
export function createWorkspaceGuard(expected: () => SlackWorkspace | null, log: { warn(obj: unknown, msg: string): void }): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const own = expected();
    const why = own ? foreignWorkspace(own, workspaceOf(args.body)) : 'the desk has not yet learned its own workspace';
    if (why === null) return args.next();
    log.warn({ why, ...workspaceOf(args.body) }, 'refused a Slack request from another workspace');
    if ('command' in args) return args.ack({ response_type: 'ephemeral', text: 'This desk belongs to another Slack workspace; nothing was done.' });
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  };
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
