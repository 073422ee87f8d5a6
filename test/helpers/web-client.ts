// Signs in to the web desk over plain HTTP (no browser) and sends its forms, for tests of its edges.
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
