// Owns the policy the bench's desks run: the default policy a council starts from (its lexicons, reader model and
// rules, so intake pays what reading a mention costs in production), with the test policy's people, groups and
// channels, which the fake Slack knows. Until session 12 the desks ran the test policy itself, whose short lexicons
// read a mention for about two thirds of the default's CPU.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { DEFAULT_POLICY_PATH } from '../src/config/load-policy.js';

const TEST_POLICY_FILE = fileURLToPath(new URL('../test/fixtures/policy/test-policy.yml', import.meta.url));
/** What the fake Slack and the bench's clicks need from the test policy. */
const FROM_TEST_POLICY = ['people', 'groups', 'channels'] as const;

const written = new Map<string, string>();

/**
 * The bench policy's file for the desk in `codeDir` (its own default policy, so a before/after run reads each
 * mention as that code would), written once a process to a folder of its own. No `codeDir`: this checkout's.
 */
export function benchPolicyFile(codeDir?: string): string {
  const source = codeDir ? join(codeDir, 'src', 'policy', 'default-policy.yml') : DEFAULT_POLICY_PATH;
  const done = written.get(source);
  if (done) return done;
  const policy = parse(readFileSync(source, 'utf8')) as Record<string, unknown>;
  const test = parse(readFileSync(TEST_POLICY_FILE, 'utf8')) as Record<string, unknown>;
  for (const key of FROM_TEST_POLICY) policy[key] = test[key];
  const file = join(mkdtempSync(join(tmpdir(), 'desk-bench-policy-')), 'policy.yml');
  writeFileSync(file, stringify(policy));
  written.set(source, file);
  return file;
}
