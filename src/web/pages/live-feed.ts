// Owns /live: server-sent events telling a signed-in browser which case was saved (by anyone, on any replica),
// so its open page redraws without a reload. Only ids and versions travel; the page fetches what it may see.
// Each event carries its cursor as its id: a browser that reconnects (EventSource sends Last-Event-ID), or
// one that opens the feed after its page was read (?from=, the cursor the page was read at), is first sent
// every change it missed, or told to reload its data when this replica cannot know what that was.
import type { Request } from 'express';
import type { LiveMessage } from '../case-change-feed.js';
import { requireSignIn } from '../web-session.js';
import type { WebPages } from '../web-shell.js';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 20_000;
/** Longer than any cursor this desk gives out: anything longer is not one of ours (and is answered reload). */
const MAX_CURSOR_LENGTH = 64;

export const liveFeed: WebPages = (shell) => {
  shell.routes.get('/live', requireSignIn(), (req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const send = (m: LiveMessage) => void res.write(eventOf(m));
    // The replay and the subscription in one turn of the event loop: no change can fall between them.
    const cursor = cursorOf(req);
    if (cursor !== null) {
      const replay = shell.changes.since(cursor);
      if (replay.kind === 'reload') send({ kind: 'reload', id: shell.changes.position() });
      else for (const c of replay.changes) send({ kind: 'case', ...c });
    }
    // Ended when the desk stops, so a stream does not hold the server's close for its whole grace.
    const unsubscribe = shell.changes.subscribe(send, () => res.end());
    const keepalive = setInterval(() => void res.write(': keepalive\n\n'), KEEPALIVE_MS);
    keepalive.unref();
    // The response's close, not the request's: a GET's request is done (and 'close'd) as soon as it is read.
    res.on('close', () => {
      clearInterval(keepalive);
      unsubscribe();
    });
  });
};

/** Last-Event-ID (a reconnection) over ?from= (the page's own cursor, for the first connection); null: neither. */
function cursorOf(req: Request): string | null {
  const given = req.get('last-event-id') ?? (typeof req.query['from'] === 'string' ? req.query['from'] : undefined);
  if (given === undefined || given === '') return null;
  return given.slice(0, MAX_CURSOR_LENGTH + 1);
}

function eventOf(m: LiveMessage): string {
  const data = m.kind === 'case' ? { caseId: m.caseId, version: m.version } : {};
  return `id: ${m.id}\nevent: ${m.kind}\ndata: ${JSON.stringify(data)}\n\n`;
}
