// The management dashboard in a real headless Chromium: its figures read off the page match the database,
// a bar opens its cases, the CSV downloads the filtered cases, and axe-core finds nothing serious.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCaseHistory, insertCaseHistory } from '../../bench/generate-case-history.js';
import { createWorkingCalendar } from '../../src/policy/working-calendar.js';
import { loadPolicy } from '../../src/config/load-policy.js';
import { chromiumMissing, launchBrowser, screenshot, seriousAccessibilityViolations, type TestBrowser } from '../helpers/browser.js';
import { startTestDesk, type TestDesk } from '../helpers/test-desk.js';

const missing = chromiumMissing();
if (missing) console.warn(`dashboard browser tests skipped: ${missing}`);

const NOW = new Date('2026-11-30T12:00:00Z');
const PERIOD = 'from=2026-11-16&to=2026-11-29';

describe.skipIf(missing !== null)('the management dashboard in Chromium', () => {
  let t: TestDesk;
  let browser: TestBrowser;
  let page: Page;

  const db = async <T>(text: string, params: unknown[] = []) => (await t.db.query<T>(text, params)).rows;
  const periodCounts = (column: string) =>
    db<{ key: string; n: number }>(`SELECT coalesce(${column}, 'unclassified') AS key, count(*)::int AS n FROM cases WHERE opened_at >= '2026-11-16T00:00:00Z' AND opened_at < '2026-11-30T00:00:00Z' GROUP BY 1`);

  beforeAll(async () => {
    t = await startTestDesk({ clock: { now: () => NOW }, env: { WEB_LOCAL_SIGN_IN: 'loopback' } });
    const calendar = createWorkingCalendar((await loadPolicy(null)).calendar);
    await insertCaseHistory(t.db, [...generateCaseHistory({ cases: 300, from: new Date('2026-11-10T00:00:00Z'), to: new Date('2026-11-30T00:00:00Z'), seed: 7, calendar })], 1_000_000);
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(`${t.url}${await t.web!.localSignInLink()}`);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the period’s figures as the database has them, in charts with tables', async () => {
    await page.goto(`${t.url}/dashboard?${PERIOD}`);
    expect(await page.locator('h1').textContent()).toBe('Management dashboard');
    const [{ n: cases }] = await db<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE opened_at >= '2026-11-16T00:00:00Z' AND opened_at < '2026-11-30T00:00:00Z'`) as [{ n: number }];
    expect(Number(await page.locator('[data-figure="cases"]').textContent())).toBe(cases);
    for (const [table, column] of [['kinds', 'kind'], ['risk', 'risk']] as const) {
      const shown = await page.locator(`#${table}-table tbody tr`).evaluateAll((rows) => rows.map((r) => Number(r.lastElementChild!.textContent)));
      expect(shown.reduce((a, b) => a + b, 0)).toBe(cases);
      expect(shown.sort()).toEqual((await periodCounts(column)).map((r) => r.n).sort());
    }
    expect(await page.locator('svg.app-chart__svg').count()).toBeGreaterThanOrEqual(8);
    await screenshot(page, 'dashboard');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('opens the cases behind a bar', async () => {
    await page.goto(`${t.url}/dashboard?${PERIOD}`);
    const bar = page.locator('#kinds-title ~ svg a').first();
    const label = (await bar.getAttribute('aria-label'))!;
    const count = Number(/ (\d+) cases/.exec(label)![1]);
    await bar.click();
    await page.waitForURL(/\/dashboard\/cases\?/);
    expect(await page.locator('#dashboard-cases tbody tr').count()).toBe(count);
    await screenshot(page, 'dashboard-cases');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('downloads the filtered cases as CSV', async () => {
    await page.goto(`${t.url}/dashboard?${PERIOD}&network=facebook`);
    const shown = Number(await page.locator('[data-figure="cases"]').textContent());
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /as CSV/ }).click()]);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv[0]).toMatch(/^Case,Opened \(UTC\),Posted \(UTC\),Network/);
    expect(csv).toHaveLength(shown + 1);
    expect(csv.slice(1).every((line) => line.split(',')[3] === 'facebook')).toBe(true);
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    const answer = await page.goto(`${t.url}/dashboard?from=2026-11-20&to=2026-11-10`);
    expect(answer?.status()).toBe(400);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('from must not be after to');
  });
});
