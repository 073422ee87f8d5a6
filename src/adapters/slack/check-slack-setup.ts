// Owns `npm run doctor`'s Slack section: the bot token works (auth.test), every channel the policy names exists
// and has the bot in it, and every Slack user group the policy names can be read, asked as the desk will ask.
import { webApi } from '@slack/bolt';
import type { SlackSettings } from '../../config/load-config.js';
import type { Policy } from '../../policy/policy-schema.js';
import { failedCall, fine, notConfigured, toFix, type Finding } from '../../services/doctor-finding.js';
import { buildWebClientOptions } from './create-slack-app.js';
import { slackErrorCode, slackErrorHint } from './map-slack-error.js';

interface PolicyChannel {
  readonly id: string;
  /** Where the policy names it: "channels.triage", "services[Waste].channel". */
  readonly uses: string[];
}

export async function checkSlackSetup(settings: SlackSettings | null, policy: Policy): Promise<Finding[]> {
  if (!settings) return [notConfigured('Slack: not configured (SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN); nothing to check.')];
  const client = new webApi.WebClient(settings.botToken, buildWebClientOptions(settings.apiUrl ?? undefined, 10_000));
  let bot: { name: string; team: string };
  try {
    const auth = await client.auth.test();
    bot = { name: String(auth.user ?? 'the bot'), team: String(auth.team ?? auth.team_id ?? 'the workspace') };
  } catch (e) {
    return [failedCall('Slack: the bot token was refused (auth.test)', slackFailure(e), 'Copy the Bot User OAuth Token (xoxb-…) from the app\'s OAuth & Permissions page into SLACK_BOT_TOKEN.')];
  }
  const findings = [fine(`Slack: the bot token works: signed in as @${bot.name} in ${bot.team}.`)];
  if (!policy.channels.triage.slack) findings.push(toFix('Slack: the policy names no triage channel, so no card can be posted.', 'Set channels.triage.slack in the policy file to the channel\'s id (C…; in Slack: channel name → About → Channel ID).'));
  for (const channel of policyChannels(policy)) findings.push(await checkChannel(client, channel, bot.name));
  for (const group of policy.groups.filter((g) => g.slack)) findings.push(await checkUserGroup(client, group.slack as string, group.roles));
  return findings;
}

async function checkChannel(client: webApi.WebClient, c: PolicyChannel, botName: string): Promise<Finding> {
  const what = `Slack channel ${c.id} (${c.uses.join(', ')})`;
  try {
    const info = (await client.conversations.info({ channel: c.id })).channel as { name?: string; is_member?: boolean; is_archived?: boolean } | undefined;
    const name = info?.name ? `#${info.name}` : c.id;
    if (info?.is_archived) return toFix(`${what}: ${name} is archived.`, slackErrorHint('is_archived') ?? 'Unarchive it or name another channel in the policy file.');
    if (!info?.is_member) return toFix(`${what}: the bot is not a member of ${name}, so posting there fails with not_in_channel.`, `Invite the bot: type /invite @${botName} in ${name}.`);
    return fine(`${what}: ${name} exists and the bot is a member.`);
  } catch (e) {
    // A private channel the bot is not in looks exactly like one that does not exist.
    const fallback = 'Check the channel id in the policy file; for a private channel, invite the bot first (a private channel it is not in reads as not found).';
    const code = slackErrorCode(e) ?? '';
    return failedCall(what, slackFailure(e), code === 'channel_not_found' ? `${slackErrorHint(code)} ${fallback}` : slackErrorHint(code) ?? fallback);
  }
}

async function checkUserGroup(client: webApi.WebClient, id: string, roles: readonly string[]): Promise<Finding> {
  const what = `Slack user group ${id} (gives ${roles.join(', ')})`;
  try {
    const answer = await client.usergroups.users.list({ usergroup: id });
    return fine(`${what}: readable, ${answer.users?.length ?? 0} member(s).`);
  } catch (e) {
    const code = slackErrorCode(e);
    const fix = code === 'missing_scope'
      ? 'Add the usergroups:read scope (manifests/slack/manifest.yml has it) and reinstall the app.'
      : code === 'no_such_subteam'
        ? 'No user group has this id in the workspace: check groups[].slack in the policy file (S…).'
        : 'Check the id in the policy file and the app\'s usergroups:read scope.';
    return failedCall(what, slackFailure(e), fix);
  }
}

/** Every Slack channel the policy names, once, with each place that names it. */
function policyChannels(policy: Policy): PolicyChannel[] {
  const found = new Map<string, string[]>();
  const add = (id: string | undefined, use: string) => id && found.set(id, [...(found.get(id) ?? []), use]);
  for (const [name, channel] of Object.entries(policy.channels)) add(channel.slack, `channels.${name}`);
  // The desk's own trouble goes to the triage channel when no admin channel is named.
  if (!policy.channels.admin.slack) add(policy.channels.triage.slack, 'channels.admin by default');
  for (const s of policy.services) add(s.channel.slack, `services[${s.tag}].channel`);
  return [...found].map(([id, uses]) => ({ id, uses }));
}

/** Slack's own error code is what a Slack admin can search for; the SDK's message says less. */
function slackFailure(e: unknown): Error {
  const code = slackErrorCode(e);
  return new Error(code ? `Slack answered ${code}` : e instanceof Error ? e.message : String(e));
}
