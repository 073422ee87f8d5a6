// SIGTERM to a real desk process with a slow request in hand: readiness fails first, new connections stop, the
// request in hand is answered (and stored), the worker stops, exit 0; a request that never ends is cut at the grace.
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { signIntakeBody } from '../../src/http/verify-intake-signature.js';
import { processStore, startDeskProcess, type ProcessStore } from '../helpers/desk-process.js';
import { sampleMention } from '../helpers/test-desk.js';

const SECRET = 'shutdown-test-intake-secret-0123';
let store: ProcessStore | null = null;
afterEach(async () => {
  await store?.dispose();
  store = null;
});

/** A signed intake POST whose body the test sends in two parts, the second when it chooses. */
function slowIntake(url: string) {
  const raw = JSON.stringify(sampleMention({ text: 'The streetlight on Elm Road has been out for a week.' }));
  const timestamp = Math.floor(Date.now() / 1000);
  const req = request(`${url}/api/mentions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(raw), 'x-desk-timestamp': timestamp, 'x-desk-signature': signIntakeBody(SECRET, timestamp, raw) },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => void (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
  req.write(raw.slice(0, 40));
  return { answer, finish: () => req.end(raw.slice(40)) };
}

const readyz = (url: string) => fetch(`${url}/readyz`).then((r) => r.status, (e: Error) => `refused (${e.message})`);

describe('graceful shutdown of the desk process', () => {
  it('fails readiness first, answers the slow request in hand, refuses new connections, and exits 0', async () => {
    store = await processStore({ migrated: true });
    const p = startDeskProcess({ ...store.env, INTAKE_SECRET: SECRET, DESK_DRAIN_SECONDS: '1', DESK_STOP_GRACE_SECONDS: '10' });
    const url = await p.listening();
    expect(await readyz(url)).toBe(200);
    const slow = slowIntake(url);
    await sleep(300); // the desk has the headers and part of the body: the request is in hand
    const stopAt = Date.now();
    p.child.kill('SIGTERM');
    await expect.poll(() => readyz(url), { timeout: 900, interval: 50 }).toBe(503);
    // After the drain the listener is closed: a new connection is refused while the slow request is still open.
    await sleep(1_300);
    expect(await readyz(url)).toMatch(/^refused/);
    expect(p.child.exitCode).toBeNull();
    slow.finish();
    const { status, body } = await slow.answer;
    expect(status).toBe(202);
    expect(JSON.parse(body)).toMatchObject({ caseId: expect.stringMatching(/^MD-\d+$/), duplicate: false });
    expect(await p.exited).toBe(0);
    expect(Date.now() - stopAt).toBeLessThan(8_000);
    expect(p.output()).toMatch(/SIGTERM: stopping/);
    expect(p.output()).not.toMatch(/"level":(50|60)/); // no error or fatal line: the worker and store stopped cleanly
  }, 120_000);

  it('cuts a request that never finishes once the grace is over, and still exits 0', async () => {
    store = await processStore({ migrated: true });
    const p = startDeskProcess({ ...store.env, INTAKE_SECRET: SECRET, DESK_STOP_GRACE_SECONDS: '1' });
    const url = await p.listening();
    const stalled = slowIntake(url);
    await sleep(300);
    const stopAt = Date.now();
    p.child.kill('SIGTERM');
    await expect(stalled.answer).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await p.exited).toBe(0);
    const took = Date.now() - stopAt;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(5_000);
  }, 120_000);
});
