// Owns letting the Teams SDK log through the app's pino logger, without ever writing the bot's token:
// the SDK logs axios errors, whose config carries `Authorization: Bearer …`.
import type { Log } from '../../services/log.js';
import type { TeamsLogger } from './create-teams-app.js';

const SECRET_KEYS = /authori[sz]ation|token|secret|password|cookie|^headers$|^config$|^request$/i;

export function teamsLogger(log: Log, name = 'teams'): TeamsLogger {
  const line = (msg: unknown[]) => `${name}: ${msg.map(describe).join(' ')}`.slice(0, 4000);
  const logger: TeamsLogger = {
    debug: (...msg) => log.debug({}, line(msg)),
    info: (...msg) => log.debug({}, line(msg)), // the SDK is chatty at info (every activity): our debug
    warn: (...msg) => (misleading(msg) ? log.debug({}, line(msg)) : log.warn({}, line(msg))),
    error: (...msg) => log.error({}, line(msg)),
    trace: () => {},
    log: (level, ...msg) => (level === 'error' ? logger.error(...msg) : level === 'warn' ? logger.warn(...msg) : logger.debug(...msg)),
    child: (childName) => teamsLogger(log, `${name}/${childName}`),
  };
  return logger;
}

/**
 * In local mode we hand the SDK a placeholder token (it needs one to send), which it takes for real
 * credentials and warns about; our start-up report already says, plainly, that the mode is unsafe.
 */
function misleading(msg: unknown[]): boolean {
  return typeof msg[0] === 'string' && msg[0].startsWith('Credentials are configured, but dangerouslyAllowUnauthenticatedRequests');
}

function describe(m: unknown): string {
  if (typeof m === 'string') return m;
  if (m instanceof Error) return `${m.name}: ${m.message}`;
  try {
    return JSON.stringify(m, (key, value: unknown) => (key && SECRET_KEYS.test(key) ? '[redacted]' : value));
  } catch {
    return String(m);
  }
}
