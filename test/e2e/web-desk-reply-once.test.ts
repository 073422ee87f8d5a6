// One reply per resident, on the web as on Slack: a reply form opened before someone else replied is redrawn
// with who, when and what, in the service's words; only the explicit "Send a further reply" sends a second one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repliesSentFor, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import { pressOnCasePage, signInAsPolicyPerson, type WebClient } from '../helpers/web-client.js';

let t: SlackDesk;
beforeAll(async () => {
  t = await startSlackDesk();
});
afterAll(() => t?.close());

const unescapeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const hidden = (html: string, name: string) => unescapeHtml(new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '');

/** Opens the reply form from the case page, as the Reply button does, and returns its hidden fields. */
async function openReply(web: WebClient, caseId: string): Promise<Record<string, string>> {
  const page = await (await web.get(`/cases/${caseId}`)).text();
  const link = unescapeHtml(/<a href="([^"]+)" data-action="case\.reply\.submit"/.exec(page)?.[1] ?? '');
  const form = await (await web.get(link)).text();
  return { actionId: hidden(form, 'actionId'), formId: hidden(form, 'formId'), payload: hidden(form, 'payload'), label: 'Reply' };
}

describe('a reply made by someone else while the web form was open', () => {
  it('is named in words, and only "Send a further reply" sends a second reply', async () => {
    const { caseId } = await t.ingest();
    const ana = await signInAsPolicyPerson(t.desk, 'ana');
    const cara = await signInAsPolicyPerson(t.desk, 'cara');
    expect((await pressOnCasePage(ana, caseId, 'case.claim')).status).toBe(303);
    const anasForm = await openReply(ana, caseId);
    expect((await pressOnCasePage(cara, caseId, 'case.reply.submit', { text: 'We are on it and will update you today.', visibility: 'public' })).status).toBe(303);
    await t.settle();

    const draft = { field_text: 'We will look into it.', field_visibility: 'public' };
    const refused = await ana.post(`/cases/${caseId}/act`, { ...anasForm, ...draft });
    expect(refused.status).toBe(409);
    const redrawn = await refused.text();
    expect(unescapeHtml(redrawn)).toMatch(/Since you opened this form, Cara Lee replied at \d\d:\d\d: "We are on it and will update you today. \^CL". Nothing was sent./);
    expect(redrawn).toMatch(/<input class="govuk-checkboxes__input" id="field_confirm" name="field_confirm" type="checkbox" value="further:1">/);
    expect(redrawn).toContain('>We will look into it.</textarea>');

    const again = { actionId: hidden(redrawn, 'actionId'), formId: hidden(redrawn, 'formId'), payload: hidden(redrawn, 'payload'), label: 'Reply' };
    expect((await ana.post(`/cases/${caseId}/act`, { ...again, ...draft })).status).toBe(409);
    const sent = await ana.post(`/cases/${caseId}/act`, { ...again, ...draft, field_confirm: 'further:1' });
    expect(sent.status).toBe(303);
    await t.settle();
    expect((await repliesSentFor(t, caseId)).map((r) => r.text)).toEqual(['We are on it and will update you today. ^CL', 'We will look into it. ^AP']);
    // The same form sent once more (a double click, a resubmitted page) sends nothing more.
    expect((await ana.post(`/cases/${caseId}/act`, { ...again, ...draft, field_confirm: 'further:1' })).status).toBe(409);
    await t.settle();
    expect(await repliesSentFor(t, caseId)).toHaveLength(2);
  });
});
