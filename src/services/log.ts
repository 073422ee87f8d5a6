// Owns the one logging port the desk's parts write to: pino-shaped, so the app's logger drops in. A part that writes
// only some levels asks for those (`Pick<Log, 'warn' | 'error'>`), so a test hands it no more than it uses.
export interface Log {
  debug(obj: Record<string, unknown>, msg: string): void;
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}
