// Subject access and case exports from the web desk over HTTP: a comms manager downloads exactly one resident's
// cases and nothing of another's, others get 403, a caller's mistakes are 400 naming the field, each download is logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../src/cli/read-zip.js';
import { mention, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import { signInAsPolicyPerson, type WebClient } from '../helpers/web-client.js';

const JO = { id: `jo-${process.pid}`, name: 'Jo Bloggs', handle: 'jo_b', followers: 12, verified: false };
const OTHER = { id: `kim-${process.pid}`, name: 'Kim Other', handle: 'kim_other', followers: 40, verified: false };

describe('exports in the web desk', () => {
  let t: SlackDesk;
  let cara: WebClient;
  let ana: WebClient;
  const joCases: string[] = [];
  let kimCase: string;

  beforeAll(async () => {
    t = await startSlackDesk();
    joCases.push((await t.ingest(mention({ author: JO, text: 'My bins on Elm Road were missed again' }))).caseId);
    joCases.push((await t.ingest(mention({ author: JO, text: 'Still no bin collection, day three' }))).caseId);
    kimCase = (await t.ingest(mention({ author: OTHER, text: 'Pothole on Oak Lane outside number 9' }))).caseId;
    cara = await signInAsPolicyPerson(t.desk, 'cara');
    ana = await signInAsPolicyPerson(t.desk, 'ana');
  });
  afterAll(() => t?.close());

  async function zipOf(res: Response): Promise<Map<string, string>> {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    return readZip(Buffer.from(await res.arrayBuffer()));
  }

  it('shows the forms, with the CSRF token, and the navigation link, to the policy\'s erasure approvers', async () => {
    const page = await (await cara.get('/exports')).text();
    expect(t.policy.dataProtection.erasure.approverRoles).toEqual(['comms_manager']);
    expect(page).toContain('<a class="govuk-service-navigation__link" href="/exports"');
    for (const action of ['export.subject', 'export.case']) expect(page).toMatch(new RegExp(`data-action="${action}">\\s*<input type="hidden" name="_csrf" value="${cara.csrf}">`));
  });

  it('downloads a subject access zip holding exactly that author\'s cases and nothing of another resident', async () => {
    const res = await cara.post('/exports/subject', { network: 'x', authorId: JO.id });
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename=subject-x-${JO.id}.zip`);
    const files = await zipOf(res);
    expect([...files.keys()].sort()).toEqual(['report.html', 'subject.json']);
    const subject = JSON.parse(files.get('subject.json')!) as { subject: { authorKey: string }; cases: Array<{ caseId: string; post: { text: string } }> };
    expect(subject.subject.authorKey).toBe(`x:${JO.id}`);
    expect(subject.cases.map((c) => c.caseId).sort()).toEqual([...joCases].sort());
    expect(subject.cases.map((c) => c.post.text).sort()).toEqual(['My bins on Elm Road were missed again', 'Still no bin collection, day three']);
    expect(files.get('report.html')).toContain('Elm Road');
    for (const [name, content] of files) for (const other of [kimCase, OTHER.id, OTHER.name, OTHER.handle, 'Oak Lane']) expect(content.includes(other), `${name} holds "${other}"`).toBe(false);
  });

  it('downloads the case export zip from the case page\'s button', async () => {
    const page = await (await cara.get(`/cases/${kimCase}`)).text();
    const form = /<form method="post" action="(\/exports\/case)" data-action="case\.export">[\s\S]*?name="caseId" value="([^"]+)"/.exec(page);
    expect(form?.[2]).toBe(kimCase);
    const res = await cara.post(form![1]!, { caseId: form![2]! });
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename=${kimCase}-export.zip`);
    const files = await zipOf(res);
    expect([...files.keys()].sort()).toEqual(['case.json', 'proof.json', 'report.html']);
    const exported = JSON.parse(files.get('case.json')!) as { case: { id: string }; post: { text: string }; events: Array<{ type: string }> };
    expect(exported.case.id).toBe(kimCase);
    expect(exported.post.text).toBe('Pothole on Oak Lane outside number 9');
    expect(exported.events.map((e) => e.type)).toContain('case.opened');
    expect(JSON.parse(files.get('proof.json')!)).toHaveProperty('gap');
  });

  it('logs who downloaded which export, since no case event records it', () => {
    const lines = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['msg'] === 'web desk export downloaded');
    expect(lines).toEqual(expect.arrayContaining([
      expect.objectContaining({ level: 30, export: 'subject', network: 'x', authorId: JO.id, exportedBy: { personId: 'cara', name: 'Cara Lee' } }),
      expect.objectContaining({ level: 30, export: 'case', caseId: kimCase, exportedBy: { personId: 'cara', name: 'Cara Lee' } }),
    ]));
  });

  it('refuses a person without an approver role: 403, no button on the case page, no link', async () => {
    expect((await ana.get('/exports')).status).toBe(403);
    expect((await ana.post('/exports/subject', { network: 'x', authorId: JO.id })).status).toBe(403);
    expect((await ana.post('/exports/case', { caseId: kimCase })).status).toBe(403);
    const page = await (await ana.get(`/cases/${kimCase}`)).text();
    expect(page).not.toContain('data-action="case.export"');
    expect(page).not.toContain('href="/exports"');
  });

  it('refuses a form without the CSRF token', async () => {
    expect((await cara.post('/exports/subject', { network: 'x', authorId: JO.id }, { csrf: null })).status).toBe(403);
  });

  it('answers bad input with 400 naming the field, and an unknown case with 404', async () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ['/exports/subject', { network: 'x', authorId: '' }, 'authorId: fill this in'],
      ['/exports/subject', { authorId: JO.id }, 'network:'],
      ['/exports/subject', { network: 'x\u0000', authorId: JO.id }, 'network:'],
      ['/exports/subject', { network: 'x', authorId: 'jo\u0000' }, 'authorId: must not contain NUL'],
      ['/exports/subject', { network: 'x', authorId: 'a'.repeat(201) }, 'authorId:'],
      ['/exports/case', { caseId: '' }, 'caseId: fill this in'],
      ['/exports/case', { caseId: 'MD-\u0000' }, 'caseId: must not contain NUL'],
    ];
    for (const [path, fields, expected] of cases) {
      const res = await cara.post(path, fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(await res.text()).toContain(expected);
    }
    const array = await cara.post('/exports/subject', { network: ['x', 'facebook'], authorId: JO.id });
    expect(array.status).toBe(400);
    const unknown = await cara.post('/exports/case', { caseId: 'md-999999' });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('caseId: there is no case md-999999');
  });
});
