// The Slack app manifest a council pastes in: it grants exactly the scopes the code uses, and points every
// request at the one endpoint Bolt serves.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_EVENTS_PATH } from '../../../../src/adapters/slack/create-slack-app.js';
import { requiredBotScopes, SLACK_COMMANDS_USED, SLACK_EVENTS_USED } from '../../../../src/adapters/slack/slack-api-usage.js';

interface Manifest {
  display_information: { name: string; description: string; long_description: string };
  features: { app_home: Record<string, boolean>; bot_user: { display_name: string }; slash_commands: Array<{ command: string; url: string; should_escape: boolean }> };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
}

const text = await readFile(new URL('../../../../manifests/slack/manifest.yml', import.meta.url), 'utf8');
const manifest = parse(text) as Manifest;
const url = `https://YOUR-HOST${SLACK_EVENTS_PATH}`;

describe('manifests/slack/manifest.yml', () => {
  it('grants exactly the bot scopes the code needs, and no user scopes', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(requiredBotScopes());
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('explains every scope in a comment', () => {
    for (const scope of manifest.oauth_config.scopes.bot) expect(text).toMatch(new RegExp(`- ${scope}\\s+# \\S`));
  });

  it('sends events, interactivity and /desk to the endpoint Bolt serves', () => {
    expect(manifest.settings.event_subscriptions.request_url).toBe(url);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([...SLACK_COMMANDS_USED]);
    expect(manifest.features.slash_commands.every((c) => c.url === url)).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([...SLACK_EVENTS_USED]);
  });

  it('has the Home tab on, the Messages tab off, and HTTP mode unless switched to Socket Mode', () => {
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: false });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(text).toContain('socket_mode_enabled: true');
  });

  it('fits Slack\'s manifest rules for names and descriptions', () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.display_information.long_description.length).toBeGreaterThanOrEqual(174);
    expect(manifest.display_information.long_description.length).toBeLessThanOrEqual(4000);
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
  });
});
