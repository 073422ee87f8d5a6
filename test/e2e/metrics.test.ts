// /metrics against a running desk with real traffic through the fake Slack: intake outcomes, outbox backlog and
// runs (a 429, a card given up on for good), a missed response target, open cases by state, HTTP latency, event-loop
// lag; and it is a protected read API like the others (401 without a token, 403 without the metrics scope).
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIntakeBody } from '../../src/http/verify-intake-signature.js';
import { mention, PEOPLE, startSlackDesk, INTAKE_SECRET, type SlackDesk } from '../helpers/slack-desk.js';
import { startTestDesk, TEST_READ_TOKEN } from '../helpers/test-desk.js';

/** Prometheus text format → { 'name{label="v",…}': value }, labels in the order the desk writes them. */
function parseMetrics(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

let t: SlackDesk;
let token: string;
const scrape = async () => {
  const res = await fetch(`${t.desk.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  return parseMetrics(await res.text());
};

beforeAll(async () => {
  t = await startSlackDesk();
  // The embedded store's local token has every scope, metrics among them.
  token = (await readFile(t.desk.localApiToken!.file, 'utf8')).trim();
});
afterAll(() => t.close());

describe('/metrics on a running desk', () => {
  it('counts intake by request and by mention: new, duplicate, unauthorized, invalid', async () => {
    const first = mention();
    expect((await t.ingest(first)).status).toBe(202);
    expect((await t.ingest()).status).toBe(202);
    expect((await t.ingest()).status).toBe(202);
    expect((await t.ingest(first)).status).toBe(200);
    const ts = Math.floor(t.clock.now().getTime() / 1000);
    const unsigned = await fetch(`${t.desk.url}/api/mentions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-desk-timestamp': String(ts), 'x-desk-signature': 'v1=00' }, body: '{}' });
    expect(unsigned.status).toBe(401);
    const junk = '{"network":"x"}';
    const invalid = await fetch(`${t.desk.url}/api/mentions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-desk-timestamp': String(ts), 'x-desk-signature': signIntakeBody(INTAKE_SECRET, ts, junk) }, body: junk });
    expect(invalid.status).toBe(400);

    const m = await scrape();
    expect(m.get('desk_intake_mentions_total{outcome="new"}')).toBe(3);
    expect(m.get('desk_intake_mentions_total{outcome="duplicate"}')).toBe(1);
    expect(m.get('desk_intake_requests_total{outcome="accepted"}')).toBe(3);
    expect(m.get('desk_intake_requests_total{outcome="duplicate"}')).toBe(1);
    expect(m.get('desk_intake_requests_total{outcome="unauthorized"}')).toBe(1);
    expect(m.get('desk_intake_requests_total{outcome="invalid"}')).toBe(1);
    // Three cards wait in the outbox; the oldest has been waiting since the first intake.
    expect(m.get('desk_outbox_pending{kind="chat.card.refresh"}')).toBe(3);
    expect(m.get('desk_outbox_oldest_age_seconds{kind="chat.card.refresh"}')).toBeGreaterThanOrEqual(0);
    expect(m.get('desk_outbox_pending{kind="network.reply"}')).toBe(0);
    expect(m.get('desk_open_cases{state="new"}')).toBe(3);
    expect(m.get('desk_cases_opened')).toBe(3);
    expect(m.get('desk_metrics_store_read')).toBe(1);
    expect(m.get('desk_http_request_duration_seconds_count{method="POST",route="/api/mentions",status="202"}')).toBe(3);
  });

  it('counts outbox runs: a 429 from Slack, a card given up on for good, and the cards that went out', async () => {
    t.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    t.fake.failNext('chat.postMessage', { ok: false, error: 'not_in_channel' });
    await t.settle();
    const m = await scrape();
    expect(m.get('desk_outbox_runs_total{kind="chat.card.refresh",outcome="rate_limited"}')).toBe(1);
    expect(m.get('desk_outbox_runs_total{kind="chat.card.refresh",outcome="error"}')).toBe(1);
    expect(m.get('desk_outbox_failed_total{kind="chat.card.refresh"}')).toBe(1);
    expect(m.get('desk_outbox_runs_total{kind="chat.card.refresh",outcome="done"}')).toBe(2);
    expect(m.get('desk_outbox_pending{kind="chat.card.refresh"}')).toBe(0);
    // The failure for good was also told to the admins, once.
    expect(m.get('desk_outbox_runs_total{kind="chat.notice",outcome="done"}')).toBe(1);
  });

  it('shows open cases by state after a claim, and a missed response target as a clock breach', async () => {
    // The cards (the admin channel is the triage channel here, so the notice of the failed card is there too).
    const cards = t.fake.messagesIn('C0TRIAGE').filter((msg) => msg.metadata);
    const claimed = (cards[0]!.metadata as { event_payload: { case_id: string } }).event_payload.case_id;
    expect((await t.click(PEOPLE.ana, 'C0TRIAGE', claimed, 'case.claim')).status).toBe(200);
    // Bolt acknowledges the click first; the claim is recorded just after.
    await expect.poll(async () => (await t.desk.ctx.store.cases.get(claimed))?.state).toBe('claimed');
    await t.settle();
    const now = await scrape();
    expect(now.get('desk_open_cases{state="claimed"}')).toBe(1);
    expect(now.get('desk_open_cases{state="new"}')).toBe(2);
    expect(now.get('desk_open_cases{state="waiting"}')).toBe(0);
    expect(now.get('desk_clock_breaches_total{clock="first_response"}')).toBeUndefined();
    // A month on, every first-response target has passed (and the claim, unused, has gone back to the queue).
    t.clock.advance(30 * 24 * 3600_000);
    while ((await t.desk.worker.runOnce()) > 0);
    const m = await scrape();
    expect(m.get('desk_open_cases{state="new"}')).toBe(3);
    expect(m.get('desk_clock_breaches_total{clock="first_response"}')).toBeGreaterThanOrEqual(2);
  });

  it('reports HTTP latency by route pattern and the event loop lag', async () => {
    await fetch(`${t.desk.url}/no/such/page`);
    const m = await scrape();
    expect(m.get('desk_http_request_duration_seconds_count{method="POST",route="/slack/events",status="200"}')).toBe(1);
    expect(m.get('desk_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect([...m.keys()].some((k) => k.includes('/no/such/page'))).toBe(false);
    expect(m.get('nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(m.get('nodejs_eventloop_lag_p99_seconds')).toBeGreaterThan(0);
  });
});

describe('/metrics is a protected read API', () => {
  it('answers 401 without a token and 403 to a token without the metrics scope', async () => {
    const desk = await startTestDesk();
    try {
      const none = await fetch(`${desk.url}/metrics`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer scope="metrics"');
      const noScope = await desk.read('/metrics', TEST_READ_TOKEN);
      expect(noScope.status).toBe(403);
      expect(noScope.json.message).toBe('The token "tester" does not have the metrics scope.');
    } finally {
      await desk.close();
    }
  });
});
