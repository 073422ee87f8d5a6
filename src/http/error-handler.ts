// Maps errors to answers: a caller's mistake is a 4xx naming it; only our own faults are 500.
import type { ErrorRequestHandler } from 'express';

interface HttpishError {
  status?: number;
  type?: string;
  message?: string;
}

export function createErrorHandler(log: { error: (obj: unknown, msg?: string) => void }): ErrorRequestHandler {
  return (err: HttpishError, _req, res, _next) => {
    if (err.type === 'entity.too.large' || err.status === 413) {
      return void res.status(413).json({ error: 'too_large', message: 'The body is over 1 MiB; send fewer mentions per batch.' });
    }
    if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      return void res.status(err.status).json({ error: 'bad_request', message: err.message ?? 'bad request' });
    }
    log.error({ err }, 'unhandled error');
    res.status(500).json({ error: 'internal', message: 'Something went wrong on our side; it has been logged.' });
  };
}
