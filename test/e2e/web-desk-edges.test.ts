// The web desk's edges over plain HTTP: who gets in, CSRF on every form, and a caller's mistakes answered
// 400/401/403/404/413 naming the field, never 500 (a few fixed cases, then random forms from fast-check).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCardAction } from '../../src/cards/card-action.js';
import { mention, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import { signInLocally, type WebClient } from '../helpers/web-client.js';

describe('the web desk over HTTP', () => {
  let t: SlackDesk;
  let web: WebClient;
  let caseId: string;

  beforeAll(async () => {
    t = await startSlackDesk();
    ({ caseId } = await t.ingest(mention()));
    web = await signInLocally(t.desk);
  });
  afterAll(() => t?.close());

  it('sends a signed-out browser to sign in, and a script a 401', async () => {
    const page = await fetch(`${t.desk.url}/queue`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/sign-in?next=%2Fqueue');
    expect((await fetch(`${t.desk.url}/live`, { headers: { accept: 'text/event-stream' } })).status).toBe(401);
    const post = await fetch(`${t.desk.url}/cases/${caseId}/act`, { method: 'POST', body: 'actionId=case.claim', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(post.status).toBe(401);
  });

  it('sets a session cookie that scripts cannot read and other sites do not send', async () => {
    const res = await fetch(`${t.desk.url}${await t.desk.web!.localSignInLink()}`, { redirect: 'manual' });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^md_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('sends the security headers on every page', async () => {
    const res = await web.get('/queue');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self' 'nonce-[A-Za-z0-9+/=]+'.*frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('refuses a form without the CSRF token, or with another one, and changes nothing', async () => {
    const fields = { actionId: 'case.claim', payload: encodeCardAction(caseId, 1) };
    for (const csrf of [null, 'forged', `${web.csrf}x`]) {
      const res = await web.post(`/cases/${caseId}/act`, fields, { csrf });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('did not come from the desk');
    }
    expect((await t.desk.ctx.store.cases.get(caseId))?.state).toBe('new');
  });

  it('answers a caller\'s mistakes with 400 naming the field, and an unknown case with 404', async () => {
    const act = (fields: Record<string, string>) => web.post(`/cases/${caseId}/act`, fields);
    const noAction = await act({ payload: encodeCardAction(caseId, 1) });
    expect(noAction.status).toBe(400);
    expect(await noAction.text()).toContain('actionId:');
    const damaged = await act({ actionId: 'case.claim', payload: '{"c":' });
    expect(damaged.status).toBe(400);
    expect(await damaged.text()).toContain('payload:');
    const otherCase = await act({ actionId: 'case.claim', payload: encodeCardAction('MD-9', 1) });
    expect(otherCase.status).toBe(400);
    const unknownAction = await act({ actionId: 'case.launch', payload: encodeCardAction(caseId, 1) });
    expect(unknownAction.status).toBe(400);
    expect((await web.get('/cases/MD-999999')).status).toBe(404);
    expect((await web.get(`/cases/${caseId}/forms/nonsense?payload=x`)).status).toBe(400);
    expect((await web.get('/search?state=lost')).status).toBe(400);
    expect((await web.get('/search?text=a&text=b')).status).toBe(400);
  });

  it('answers a body over 64 KiB with 413', async () => {
    const res = await web.post(`/cases/${caseId}/act`, { actionId: 'case.reply.submit', payload: encodeCardAction(caseId, 1), field_text: 'x'.repeat(70_000) });
    expect(res.status).toBe(413);
  });

  it('never answers a random form with a 500', async () => {
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('case.claim', 'case.close', 'case.reply.submit', '__proto__', 'constructor', '', '%', '\u0000'));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.oneof(text, fc.constantFrom('actionId', 'payload', 'formId', 'field_text', 'field_outcome', 'field_confirm')), text, { maxKeys: 6 }), fc.boolean(), async (fields, validPayload) => {
        const res = await web.post(`/cases/${caseId}/act`, validPayload ? { payload: encodeCardAction(caseId, 1), ...fields } : fields);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    const paths = fc.constantFrom('/cases/', '/search?', '/cases/MD-1001/forms/');
    await fc.assert(
      fc.asyncProperty(paths, fc.string({ maxLength: 30 }), async (path, tail) => {
        const res = await web.get(`${path}${encodeURIComponent(tail)}`);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });

  it('ends the session on sign-out, everywhere', async () => {
    const other = await signInLocally(t.desk);
    const out = await other.post('/sign-out', {});
    expect(out.status).toBe(303);
    expect((await other.get('/queue')).status).toBe(303);
    expect((await web.get('/queue')).status).toBe(200);
  });
});
