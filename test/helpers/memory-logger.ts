// Owns a Bolt-compatible logger that keeps lines in memory, so tests stay quiet and can assert logs.
import { LogLevel, type Logger } from '@slack/bolt';

export interface MemoryLogger extends Logger {
  readonly lines: { level: LogLevel; text: string }[];
  has(level: LogLevel, fragment: string): boolean;
}

export function createMemoryLogger(): MemoryLogger {
  let level: LogLevel = LogLevel.DEBUG;
  const lines: { level: LogLevel; text: string }[] = [];
  const write = (at: LogLevel) => (...msg: unknown[]) => {
    lines.push({ level: at, text: msg.map((m) => (m instanceof Error ? m.message : String(m))).join(' ') });
  };
  return {
    lines,
    has: (at, fragment) => lines.some((l) => l.level === at && l.text.includes(fragment)),
    debug: write(LogLevel.DEBUG),
    info: write(LogLevel.INFO),
    warn: write(LogLevel.WARN),
    error: write(LogLevel.ERROR),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
