// Owns structure-aware mutation for the fuzz: a valid payload with one or two fields changed the ways hostile
// input differs from what a parser expects (another type, a prototype key, null, deep nesting, odd Unicode, a
// huge value, a key that re-routes the request), so the input gets past "is it JSON" into the code that reads it.
import fc from 'fast-check';
import type { FieldPath } from '../helpers/slack-request-shapes.js';

type Json = Record<string, unknown>;

const nested = (depth: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
};

/** What replaces a field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  // Another type.
  fc.constantFrom(null, true, false, 0, -1, 1e21, 2 ** 53, 0.5, [], {}, [null], { id: null }, { id: {} }, { toString: 1 }, { valueOf: 'x' }, [['T0000DESK']]),
  // Prototype and built-in names as text.
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'),
  // Empty and blank.
  fc.constantFrom('', ' ', '\t', '\n'),
  // Unicode: NUL, lone surrogates, a BOM, right-to-left marks, combining marks, emoji, full-width digits.
  fc.constantFrom('\u0000', 'U0\u0000ANA', '\ud800', 'x\udc00', '\ufeffT0000DESK', '\u202eT0000DESK', 'T0000DE\u0301SK', '👩‍💻', 'Ｔ０００', 'ı', 'ß'),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  // Deep nesting.
  fc.integer({ min: 10, max: 300 }).map((depth) => nested(depth, 'x')),
  // Huge: up to 200 KB of text, a long list, a wide object.
  fc.integer({ min: 3_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 100, max: 5_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.integer({ min: 100, max: 2_000 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
  fc.anything({ maxDepth: 3 }),
);

/** Keys whose mere presence changes how Bolt or our code reads a body. */
const ROUTING_KEYS = ['__proto__', 'constructor', 'prototype', 'event', 'command', 'name', 'actions', 'view', 'channel', 'ssl_check', 'type', 'function_data', 'bot_access_token', 'response_urls', 'response_url', 'authorizations', 'item', 'subteam', 'message', 'enterprise', 'team'];

type Change =
  | { readonly how: 'set'; readonly path: FieldPath; readonly value: unknown }
  | { readonly how: 'remove'; readonly path: FieldPath }
  | { readonly how: 'add'; readonly at: FieldPath; readonly key: string; readonly value: unknown };

/** Every path to a value in `body` (objects and arrays walked), so any field can be picked, not only the typed ones. */
function allPaths(body: unknown, prefix: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  if (typeof body !== 'object' || body === null || out.length > 400) return out;
  for (const [k, v] of Object.entries(body)) {
    const path = [...prefix, Array.isArray(body) ? Number(k) : k];
    out.push(path);
    allPaths(v, path, out);
  }
  return out;
}

function parentOf(root: Json, path: FieldPath): Record<string | number, unknown> | null {
  let target: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (typeof target !== 'object' || target === null) return null;
    target = (target as Record<string | number, unknown>)[key];
  }
  return typeof target === 'object' && target !== null ? (target as Record<string | number, unknown>) : null;
}

/** Sets an own property, so that a "__proto__" key is sent as a key rather than changing the prototype. */
function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function apply(body: Json, change: Change): void {
  if (change.how === 'add') {
    const at = parentOf(body, [...change.at, '']);
    if (at) setOwn(at, change.key, change.value);
    return;
  }
  const parent = parentOf(body, change.path);
  const key = change.path[change.path.length - 1]!;
  if (!parent) return;
  if (change.how === 'remove') delete parent[key];
  else setOwn(parent, key, change.value);
}

/**
 * A valid body from `build` with one or two changes, each to a field the schemas type (half the time) or to any
 * field at all, or a key added that re-routes or poisons the body.
 */
export function structuredMutation(build: () => Json, typed: readonly FieldPath[]): fc.Arbitrary<Json> {
  const paths = allPaths(build());
  const anyPath = fc.oneof(fc.constantFrom(...(typed.length ? typed : paths)), fc.constantFrom(...paths));
  const objectPaths: FieldPath[] = [[], ...paths.filter((p) => { const v = parentOf(build(), [...p, '']); return v !== null && !Array.isArray(v); })];
  const change: fc.Arbitrary<Change> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ how: fc.constant('set' as const), path: anyPath, value: hostileValue }) },
    { weight: 1, arbitrary: fc.record({ how: fc.constant('remove' as const), path: anyPath }) },
    { weight: 2, arbitrary: fc.record({ how: fc.constant('add' as const), at: fc.constantFrom(...objectPaths), key: fc.constantFrom(...ROUTING_KEYS), value: hostileValue }) },
  );
  return fc.array(change, { minLength: 1, maxLength: 2 }).map((changes) => {
    const body = build();
    for (const c of changes) apply(body, c);
    return body;
  });
}
