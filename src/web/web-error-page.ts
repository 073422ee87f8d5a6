// Owns errors on the web desk's own routes, answered as pages: a caller's mistake (a body over 64 KiB, a
// malformed form) is a 4xx saying what to do; only our own faults are a 500, and those are logged.
import type { ErrorRequestHandler } from 'express';
import type { PageRenderer } from './render-page.js';

export function webErrorPage(pages: PageRenderer, log: { error: (obj: unknown, msg?: string) => void }): ErrorRequestHandler {
  return (err: { status?: number; type?: string; message?: string }, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err.type === 'entity.too.large' || err.status === 413) {
      return pages.render(res, 'not-found.njk', { title: 'That was too long', message: 'The form sent more than 64 KiB. Shorten the text and try again.' }, 413);
    }
    if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      return pages.render(res, 'not-found.njk', { title: 'That request was not right', message: `${err.message ?? 'The request could not be read.'} Go back and try again.` }, err.status);
    }
    log.error({ err }, 'web desk: unhandled error');
    pages.render(res, 'not-found.njk', { title: 'Sorry, something went wrong', message: 'Something went wrong on our side and it has been logged. Nothing was changed by this request unless the case history says so.' }, 500);
  };
}
