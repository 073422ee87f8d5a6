// Reads the policy file (YAML), validates it, and reports each bad field by its path.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { policySchema, type Policy } from '../policy/policy-schema.js';

export const DEFAULT_POLICY_PATH = fileURLToPath(new URL('../policy/default-policy.yml', import.meta.url));

export class PolicyError extends Error {
  constructor(readonly file: string, readonly problems: readonly string[]) {
    super(`Policy file ${file} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyError';
  }
}

export async function loadPolicy(path: string | null): Promise<Policy> {
  const file = path ?? DEFAULT_POLICY_PATH;
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new PolicyError(file, [`cannot read it (${e.code ?? e.message}); check DESK_POLICY`]);
  });
  return parsePolicy(text, file);
}

export function parsePolicy(text: string, file = '(policy)'): Policy {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new PolicyError(file, [`not valid YAML: ${(e as Error).message}`]);
  }
  const result = policySchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${plainMessage(i.message)}`);
    throw new PolicyError(file, [...new Set(lines)]);
  }
  return deepFreeze(result.data);
}

/** zod says "Invalid input: expected object, received undefined"; a council officer wants "missing". */
function plainMessage(message: string): string {
  return message.replace(/^Invalid input: expected (\w+), received undefined$/, 'missing (expected $1)');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
