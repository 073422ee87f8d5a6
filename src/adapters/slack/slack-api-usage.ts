// Owns the list of Web API methods Mention Desk calls and the bot scope each needs: the manifest test checks
// the manifest grants exactly these, so a new call cannot ship without its permission (or an unused one linger).
export const SLACK_METHOD_SCOPES: Readonly<Record<string, readonly string[]>> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.getPermalink': [],
  'views.open': [],
  'views.publish': [],
  'usergroups.users.list': ['usergroups:read'],
  'users.info': ['users:read'],
  'conversations.open': ['im:write'],
  // Only npm run doctor: each channel the policy names exists and has the bot in it (public and private).
  'conversations.info': ['channels:read', 'groups:read'],
  // Only to look for a message whose post had an unknown outcome, in a public, private or DM channel.
  'conversations.history': ['channels:history', 'groups:history', 'im:history'],
  'conversations.replies': ['channels:history', 'groups:history', 'im:history'],
};

/** Scopes for what is not a Web API call: the /desk slash command. */
export const SLACK_FEATURE_SCOPES: readonly string[] = ['commands'];

export const SLACK_EVENTS_USED: readonly string[] = ['app_home_opened'];
export const SLACK_COMMANDS_USED: readonly string[] = ['/desk'];

export function requiredBotScopes(): string[] {
  return [...new Set([...Object.values(SLACK_METHOD_SCOPES).flat(), ...SLACK_FEATURE_SCOPES])].sort();
}
