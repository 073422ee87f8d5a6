// Owns the worker-thread side of parseFeedOffThread: one feed's bytes in, its entries (or why not) out.
import { parentPort, threadId } from 'node:worker_threads';
import { FeedParseError, parseFeed, type Feed, type ParseFeedOptions } from './parse-feed.js';

export interface FeedParseRequest {
  readonly bytes: Uint8Array;
  readonly options: ParseFeedOptions;
}

export type FeedParseAnswer =
  | { readonly ok: true; readonly feed: Feed; readonly threadId: number }
  | { readonly ok: false; readonly notAFeed: boolean; readonly message: string };

parentPort?.once('message', (request: FeedParseRequest) => {
  let answer: FeedParseAnswer;
  try {
    answer = { ok: true, feed: parseFeed(request.bytes, request.options), threadId };
  } catch (e) {
    answer = { ok: false, notAFeed: e instanceof FeedParseError, message: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(answer);
});
