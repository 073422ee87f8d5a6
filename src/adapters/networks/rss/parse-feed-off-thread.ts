// Owns parsing a feed in a worker thread, so one huge or hostile feed never holds up Slack, Teams or Meta.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FeedParseError } from './feed-parse-error.js';
import type { Feed, ParseFeedOptions } from './parse-feed.js';
import type { FeedParseAnswer, FeedParseRequest } from './parse-feed-worker.js';

export interface OffThreadOptions extends ParseFeedOptions {
  /** A parse still running after this is stopped and the feed counted as unreadable this round. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
// Built, the worker is plain .js. Run from the TypeScript sources (npm start, the tests) it registers tsx
// first: a worker does not inherit the loader hooks of the thread that starts it on Node 20.
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./parse-feed-worker.${FROM_SOURCES ? 'ts' : 'js'}`, import.meta.url);
const WORKER_SOURCE: URL | string = FROM_SOURCES
  ? `require(${JSON.stringify(createRequire(import.meta.url).resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(fileURLToPath(WORKER_URL))});`
  : WORKER_URL;

/** One short-lived worker per feed: a feed is read every few minutes, and a stuck parse is simply terminated. */
export function parseFeedOffThread(bytes: Uint8Array, o: OffThreadOptions = {}): Promise<{ readonly feed: Feed; readonly threadId: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: FROM_SOURCES,
      // A feed is capped at a few megabytes; this bounds what parsing it may take.
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => finish(() => reject(new FeedParseError(`took longer than ${(o.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} s to read`))), o.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    worker.once('message', (answer: FeedParseAnswer) =>
      finish(() => (answer.ok ? resolve({ feed: answer.feed, threadId: answer.threadId }) : reject(answer.notAFeed ? new FeedParseError(answer.message) : new Error(answer.message)))),
    );
    worker.once('error', (e) => finish(() => reject(new FeedParseError(`could not be read: ${e.message}`))));
    worker.once('exit', (code) => finish(() => reject(new FeedParseError(`the reader stopped (exit ${code})`))));
    const request: FeedParseRequest = { bytes, options: { baseUrl: o.baseUrl, contentType: o.contentType ?? null } };
    worker.postMessage(request);
  });
}
