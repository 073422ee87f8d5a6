// Owns the ceilings every goal is read against, measured in the same run on the same machine:
// pgbench's single-row insert rate, a bare Node HTTP server, and a bare Bolt app's no-op ack.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import autocannon, { type Request as LoadRequest } from 'autocannon';
import type { Sql } from '../src/store/db.js';

const run = promisify(execFile);

/** Single-row INSERT transactions per second by pgbench (autocommit), or null when there is no pgbench binary. */
export async function pgbenchInsertRate(sql: Sql, databaseUrl: string, connections: number, seconds: number): Promise<number | null> {
  await sql.query('CREATE TABLE IF NOT EXISTS bench_ceiling (id bigserial PRIMARY KEY, body text NOT NULL)');
  const script = join(mkdtempSync(join(tmpdir(), 'desk-bench-')), 'insert.sql');
  writeFileSync(script, "INSERT INTO bench_ceiling (body) VALUES ('a mention-sized row of text, about this long');\n");
  try {
    const { stdout } = await run('pgbench', ['-n', '-c', String(connections), '-j', '2', '-T', String(seconds), '-f', script, databaseUrl]);
    const tps = /tps = ([\d.]+)/.exec(stdout)?.[1];
    return tps ? Number(tps) : null;
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return null;
    throw e;
  }
}

/** Requests per second a Node HTTP server that reads the body and answers 202 takes from the same load. */
export async function bareHttpRate(requests: LoadRequest[], connections: number, seconds: number): Promise<number> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(202, { 'content-type': 'application/json' }).end('{"caseId":"MD-1","duplicate":false}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections, duration: seconds, requests });
  await new Promise((r) => server.close(r));
  return result.requests.total / seconds;
}

export interface BareBolt {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The bare Bolt app (bare-bolt-app.ts) in a process of its own, as the desk's replicas run: served from this
 * process, its acks waited on the same event loop that sends the clicks and times them (and serves the fake
 * Slack API), and its p99 swung from 119 to 309 ms between runs.
 */
export async function startBareBolt(signingSecret: string): Promise<BareBolt> {
  const script = fileURLToPath(new URL('./bare-bolt-app.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', SLACK_SIGNING_SECRET: signingSecret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the bare Bolt app exited (${code}) before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => {
      if (child.exitCode !== null) return r();
      child.once('exit', () => r());
      child.kill('SIGTERM');
    }),
  };
}
