// The web desk in a real headless Chromium: sign in with the printed link, work a case, watch another
// person's change arrive live, meet a refusal, and pass axe-core on every page (screenshots kept).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { handleCardAction } from '../../src/services/handle-card-action.js';
import { resolveActor } from '../../src/policy/policy-directory.js';
import { chromiumMissing, launchBrowser, screenshot, seriousAccessibilityViolations, type TestBrowser } from '../helpers/browser.js';
import { mention, PEOPLE, repliesSentFor, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';

const missing = chromiumMissing();
if (missing) console.warn(`web desk browser tests skipped: ${missing}`);

/** The page script's live feed, whatever it asks from. */
const LIVE_FEED = /\/live(\?|$)/;

describe.skipIf(missing !== null)('the web desk in Chromium', () => {
  let t: SlackDesk;
  let browser: TestBrowser;
  let page: Page;
  let first: string;
  let second: string;

  const author = (id: string, name: string) => ({ id, name, handle: id, followers: 10, verified: false });
  const accessible = async (name: string) => {
    await screenshot(page, name);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  };

  beforeAll(async () => {
    t = await startSlackDesk();
    ({ caseId: first } = await t.ingest(mention({ text: 'The bins on Elm Road were missed again this week.', author: author('web-1', 'Sam Resident') })));
    ({ caseId: second } = await t.ingest(mention({ text: 'Who do I ask about a dropped kerb on Ash Lane?', author: author('web-2', 'Kim Resident') })));
    await t.settle();
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in with the one-time link and shows the queue, oldest first, with deadlines', async () => {
    await page.goto(`${t.desk.url}${await t.desk.web!.localSignInLink()}`);
    await page.waitForURL(/\/queue$/);
    expect(await page.locator('h1').textContent()).toBe('Queue');
    const ids = await page.locator('tbody tr td:first-child').allTextContents();
    expect(ids.map((s) => s.trim())).toEqual([first, second]);
    expect(await page.locator('tbody tr').first().textContent()).toMatch(/Mon|Tue|Wed|Thu|Fri|\d\d:\d\d/);
    await accessible('queue');
  });

  it('claims a case and replies to it through the same services as Slack', async () => {
    await page.getByRole('link', { name: first }).click();
    await page.waitForURL(new RegExp(`/cases/${first}$`));
    await accessible('case');
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.waitForURL(/done=/);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Done: Claim');
    await page.getByRole('button', { name: 'Reply' }).click();
    await page.waitForURL(/\/forms\/reply/);
    await accessible('reply-form');
    await page.getByLabel('Reply', { exact: true }).fill('Sorry about that: the crew will come back tomorrow.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.waitForURL(/done=/);
    expect(await page.locator('table').last().textContent()).toContain('Local administrator sent a reply for posting');
    await t.settle();
    expect((await repliesSentFor(t, first)).map((r) => r.text)).toEqual(['Sorry about that: the crew will come back tomorrow. ^LA']);
    const events = await t.desk.ctx.store.events.forCase(first);
    expect(events.filter((e) => e.event.actor.surface === 'web' && e.event.type !== 'case.deadline.set').map((e) => e.event.type)).toEqual(['case.claimed', 'case.reply.requested']);
  });

  it("shows another person's change without a reload", async () => {
    await page.goto(`${t.desk.url}/queue`);
    await page.waitForFunction(() => document.body.dataset['liveFeed'] === 'connected');
    expect(await page.getByRole('link', { name: second }).count()).toBe(1);
    const res = await t.click(PEOPLE.ben, 'C0TRIAGE', second, 'case.claim');
    expect(res.status).toBe(200);
    await page.waitForFunction((id) => document.body.dataset['liveVersion']?.startsWith(`${id}:`) === true, second, { timeout: 10_000 });
    expect(await page.getByRole('link', { name: second }).count()).toBe(0);
    expect(await page.locator('#desk-live-status').textContent()).toBe(`Case ${second} was updated.`);
    await screenshot(page, 'queue-after-live-update');
  });

  it('brings a page up to date with a change saved while its live feed was still connecting', async () => {
    const { caseId: third } = await t.ingest(mention({ text: 'Is the tip open on Sunday?', author: author('web-3', 'Lee Resident') }));
    await t.settle();
    let connect!: () => void;
    const claimed = new Promise<void>((r) => (connect = r));
    // The page's feed is held back until the claim is saved and heard: it can only learn of it by asking from the page's cursor.
    await page.route(LIVE_FEED, async (route) => { await claimed; await route.continue(); });
    try {
      await page.goto(`${t.desk.url}/queue`);
      expect(await page.getByRole('link', { name: third }).count()).toBe(1);
      expect((await t.click(PEOPLE.ben, 'C0TRIAGE', third, 'case.claim')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      connect();
      await page.waitForFunction((id) => document.body.dataset['liveVersion']?.startsWith(`${id}:`) === true, third, { timeout: 10_000 });
      expect(await page.getByRole('link', { name: third }).count()).toBe(0);
    } finally {
      await page.unroute(LIVE_FEED);
    }
  });

  it('reads its live part again when the desk cannot tell what it missed', async () => {
    // A cursor this replica never gave out (another replica's, or from before a restart).
    await page.route(LIVE_FEED, (route) => route.continue({ url: route.request().url().replace(/from=[^&]*/, 'from=elsewhere-1') }));
    try {
      await page.goto(`${t.desk.url}/queue`);
      await page.waitForFunction(() => document.body.dataset['liveVersion'] === 'reloaded', undefined, { timeout: 10_000 });
      expect(await page.locator('#desk-live-status').textContent()).toBe('The page was brought up to date.');
    } finally {
      await page.unroute(LIVE_FEED);
    }
  });

  it('redraws a form refused because the case changed, in the same words as Slack', async () => {
    await page.goto(`${t.desk.url}/cases/${first}`);
    await page.getByRole('button', { name: 'Close' }).click();
    await page.waitForURL(/\/forms\/close/);
    const cara = resolveActor(t.policy, { surface: 'slack', userId: PEOPLE.cara.id });
    const classified = await handleCardAction(t.desk.ctx, { actionId: 'case.classify', caseId: first, seenVersion: null, args: {}, values: { serviceTag: 'waste', kind: 'complaint' }, actor: cara });
    expect(classified.kind).toBe('done');
    await page.getByLabel('monitored').check();
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/act')), page.getByRole('button', { name: 'Close', exact: true }).click()]);
    expect(response.status()).toBe(409);
    expect(await page.locator('.govuk-inset-text').first().textContent()).toContain('This case changed since your card was drawn; the card has been refreshed, please check and try again.');
    await accessible('refused-close-form');
    expect((await t.desk.ctx.store.cases.get(first))?.state).toBe('claimed');
  });

  it('searches past cases by text and state, and names a wrong field', async () => {
    await page.goto(`${t.desk.url}/search?text=kerb&state=claimed`);
    expect((await page.locator('tbody td:first-child').allTextContents()).map((s) => s.trim())).toEqual([second]);
    await accessible('search');
    const res = await page.goto(`${t.desk.url}/search?from=yesterday`);
    expect(res?.status()).toBe(400);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('from: a date as YYYY-MM-DD');
  });

  it('lists my cases, and turns emergency mode on with its banner on every open case', async () => {
    await page.goto(`${t.desk.url}/my-cases`);
    expect((await page.locator('tbody td:first-child').allTextContents()).map((s) => s.trim())).toEqual([first]);
    await accessible('my-cases');
    await page.goto(`${t.desk.url}/emergency`);
    await page.getByLabel('The page people should follow').fill('https://www.example.gov.uk/storm');
    await page.getByLabel('The message replies should carry').fill('Storm Bert: bin collections are suspended today.');
    await page.getByRole('button', { name: 'Turn emergency mode on' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Emergency mode is on: every open card shows the banner');
    await accessible('emergency');
    await page.goto(`${t.desk.url}/cases/${second}`);
    expect(await page.locator('.govuk-warning-text').first().textContent()).toContain('Emergency mode: Storm Bert: bin collections are suspended today. https://www.example.gov.uk/storm');
    await page.goto(`${t.desk.url}/emergency`);
    await page.getByRole('button', { name: 'Turn emergency mode off' }).click();
    expect(await t.desk.ctx.store.settings.emergencyMode()).toBeNull();
  });

  it('refuses the same sign-in link a second time', async () => {
    const other = await browser.newPage();
    const link = await t.desk.web!.localSignInLink();
    await other.goto(`${t.desk.url}${link}`);
    await other.context().clearCookies();
    const res = await other.goto(`${t.desk.url}${link}`);
    expect(res?.status()).toBe(403);
    expect(await other.locator('main').textContent()).toContain('used already or has expired');
    await other.goto(`${t.desk.url}/sign-in`);
    await screenshot(other, 'sign-in');
    expect(await seriousAccessibilityViolations(other)).toEqual([]);
    await other.close();
  });
});
