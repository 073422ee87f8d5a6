// Owns /live: server-sent events telling a signed-in browser which case was saved (by anyone, on any replica),
// so its open page redraws without a reload. Only ids and versions travel; the page fetches what it may see.
import { requireSignIn } from '../web-session.js';
import type { WebPages } from '../web-shell.js';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 20_000;

export const liveFeed: WebPages = (shell) => {
  shell.routes.get('/live', requireSignIn(), (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const unsubscribe = shell.changes.subscribe((c) => void res.write(`event: case\ndata: ${JSON.stringify({ caseId: c.caseId, version: c.version })}\n\n`));
    const keepalive = setInterval(() => void res.write(': keepalive\n\n'), KEEPALIVE_MS);
    keepalive.unref();
    // The response's close, not the request's: a GET's request is done (and 'close'd) as soon as it is read.
    res.on('close', () => {
      clearInterval(keepalive);
      unsubscribe();
    });
  });
};
