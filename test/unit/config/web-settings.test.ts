// The web desk's settings: on by default, the local link only where it is safe by default, OIDC all or nothing.
import { describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../../../src/config/load-config.js';

describe('web desk settings', () => {
  it('is on with a loopback-only local link on the embedded store, and no local link with DATABASE_URL', () => {
    expect(loadConfig({}).web).toMatchObject({ enabled: true, localSignIn: 'loopback', oidc: null, sessionHours: 12 });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/desk' }).web.localSignIn).toBe('off');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/desk', WEB_LOCAL_SIGN_IN: 'anywhere' }).web.localSignIn).toBe('anywhere');
    expect(loadConfig({ WEB_DESK: 'off' }).web.enabled).toBe(false);
  });

  it('reads OIDC for Entra or Slack, and names what is missing', () => {
    const entra = loadConfig({ WEB_PUBLIC_URL: 'https://desk.example.gov.uk/', OIDC_ISSUER_URL: 'https://login.microsoftonline.com/t/v2.0', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 's' }).web;
    expect(entra).toMatchObject({ publicUrl: 'https://desk.example.gov.uk', oidc: { identity: 'teams', allowHttp: false } });
    expect(loadConfig({ WEB_PUBLIC_URL: 'https://d.example', OIDC_ISSUER_URL: 'https://slack.com', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 's' }).web.oidc?.identity).toBe('slack');
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(problems({ OIDC_ISSUER_URL: 'https://slack.com' })).toEqual([expect.stringMatching(/^OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: set all three/)]);
    expect(problems({ OIDC_ISSUER_URL: 'https://slack.com', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 's' })).toEqual([expect.stringMatching(/^WEB_PUBLIC_URL: required/)]);
    expect(problems({ WEB_LOCAL_SIGN_IN: 'everywhere', WEB_SESSION_HOURS: '0' })).toEqual([expect.stringMatching(/^WEB_LOCAL_SIGN_IN:/), expect.stringMatching(/^WEB_SESSION_HOURS: at least 1 hour/)]);
  });
});
