// Owns comparing X ids (posts, DM events): 64-bit snowflakes that grow with time.

/** The newer of two ids; compared as numbers, never as strings of different lengths. */
export function newerId(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return BigInt(a) >= BigInt(b) ? a : b;
}

/** Whether `id` came after `than` (a null `than` is older than everything). */
export function isAfter(id: string, than: string | null): boolean {
  return than === null || BigInt(id) > BigInt(than);
}
