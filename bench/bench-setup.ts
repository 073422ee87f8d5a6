// Owns what every bench entry point sets up the same way: the PostgreSQL server its databases are made on, the
// policy the desks run (bench-policy.ts), whose code runs as the desk (--code, else this checkout), the environment a desk replica
// starts with, and the load options the focused benches (bench:intake, bench:replicas) share with npm run bench.
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { benchPolicyFile } from './bench-policy.js';
import { INTAKE_SECRET } from './intake-phases.js';

export const BENCH_SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const THIS_CHECKOUT = fileURLToPath(new URL('..', import.meta.url));

/** The checkout whose desk the bench runs: --code DIR, else this one. */
export function benchCodeDir(code: string | undefined): string {
  return code ?? THIS_CHECKOUT;
}

/** What a desk replica of the code in `codeDir` needs to take signed intake on the bench's database. */
export function replicaEnv(databaseUrl: string, codeDir: string): Record<string, string> {
  return { DATABASE_URL: databaseUrl, INTAKE_SECRET, DESK_POLICY: benchPolicyFile(codeDir) };
}

/** The load options every bench takes: --seconds (each phase), --connections, --code; `extra` adds a bench's own. */
export const LOAD_OPTIONS = { seconds: { type: 'string', default: '5' }, connections: { type: 'string', default: '10' }, code: { type: 'string' } } as const satisfies ParseArgsConfig['options'];

export interface FocusedBenchArgs {
  readonly seconds: number;
  readonly connections: number;
  readonly codeDir: string;
  /** Every option as given, the bench's own `extra` ones included. */
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
}

/** A focused bench's options: the load options, parsed, beside its own `extra` ones. */
export function focusedBenchArgs(extra: NonNullable<ParseArgsConfig['options']> = {}): FocusedBenchArgs {
  const values = parseArgs({ options: { ...LOAD_OPTIONS, ...extra } }).values as Record<string, string | boolean | undefined>;
  return { values, seconds: Number(values.seconds), connections: Number(values.connections), codeDir: benchCodeDir(values.code as string | undefined) };
}
