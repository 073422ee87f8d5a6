// Signs in to the web desk over plain HTTP (no browser) and sends its forms, for tests of its edges.
import { randomBytes } from 'node:crypto';
import { personForClaims } from '../../src/web/oidc-sign-in.js';
import type { RunningDesk } from '../../src/app/start-desk.js';

export interface WebClient {
  readonly cookie: string;
  readonly csrf: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, fields: Record<string, string | string[]>, o?: { csrf?: string | null; raw?: string }): Promise<Response>;
}

export async function signInLocally(desk: RunningDesk): Promise<WebClient> {
  const link = await desk.web!.localSignInLink();
  const res = await fetch(`${desk.url}${link}`, { redirect: 'manual' });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (res.status !== 303 || !cookie) throw new Error(`local sign-in answered ${res.status}`);
  return webClient(desk, cookie);
}

export async function webClient(desk: RunningDesk, cookie: string): Promise<WebClient> {
  const page = await (await fetch(`${desk.url}/queue`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  return {
    cookie,
    csrf,
    get: (path, headers = {}) => fetch(`${desk.url}${path}`, { headers: { cookie, accept: 'text/html', ...headers }, redirect: 'manual' }),
    post(path, fields, o = {}) {
      const body = new URLSearchParams();
      const token = o.csrf === undefined ? csrf : o.csrf;
      if (token !== null) body.append('_csrf', token);
      for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
      return fetch(`${desk.url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: o.raw ?? body.toString(), redirect: 'manual' });
    },
  };
}

/**
 * Signs in as a person of the policy the way OpenID Connect does once the issuer has vouched for them (same
 * person, same roles: personForClaims), without an issuer: the sign-in itself is tested in web-desk-oidc.
 */
export async function signInAsPolicyPerson(desk: RunningDesk, personId: string): Promise<WebClient> {
  const person = desk.ctx.policy.people.find((p) => p.id === personId);
  const webPerson = person?.teams ? personForClaims(desk.ctx.policy, { oid: person.teams }, 'teams') : person?.slack ? personForClaims(desk.ctx.policy, { 'https://slack.com/user_id': person.slack }, 'slack') : null;
  if (!webPerson) throw new Error(`${personId} has no chat identity in the policy`);
  const id = randomBytes(32).toString('base64url');
  const now = desk.ctx.clock.now();
  await desk.web!.sessions.createSession(id, { person: webPerson, csrfToken: randomBytes(32).toString('base64url'), expiresAt: new Date(now.getTime() + 3_600_000) }, now);
  return webClient(desk, `md_session=${id}`);
}

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
const unescapeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Presses a case page's button by its action id, as a browser would send it; a button that opens a form is filled with `values`. */
export async function pressOnCasePage(web: WebClient, caseId: string, actionId: string, values: Record<string, string> = {}, nth = 0): Promise<Response> {
  const page = await (await web.get(`/cases/${caseId}`)).text();
  const link = [...page.matchAll(new RegExp(`<a href="([^"]+)" data-action="${actionId.replace(/\./g, '\\.')}"`, 'g'))][nth]?.[1];
  if (link) {
    const form = await (await web.get(unescapeHtml(link))).text();
    const fields: Record<string, string> = { actionId: hidden(form, 'actionId') ?? '', formId: hidden(form, 'formId') ?? '', payload: unescapeHtml(hidden(form, 'payload') ?? ''), label: hidden(form, 'label') ?? '' };
    for (const [k, v] of Object.entries(values)) fields[`field_${k}`] = v;
    return web.post(`/cases/${caseId}/act`, fields);
  }
  const block = [...page.matchAll(new RegExp(`data-action="${actionId.replace(/\./g, '\\.')}">([\\s\\S]*?)</form>`, 'g'))][nth]?.[1];
  if (!block) throw new Error(`no ${actionId} button on the page of ${caseId} for this person`);
  return web.post(`/cases/${caseId}/act`, { actionId, payload: unescapeHtml(hidden(block, 'payload') ?? ''), label: hidden(block, 'label') ?? '' });
}
