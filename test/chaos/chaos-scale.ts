// Owns the chaos suite's two sizes (CI, and full with CHAOS_SCALE=full or `npm run test:chaos -- --full`) and
// printing its figures in one recognisable shape.

export const FULL = process.env.CHAOS_SCALE === 'full';

/** The CI figure, or the full-scale one. */
export function scale(ci: number, full: number): number {
  return FULL ? full : ci;
}

/** A long enough timeout for the chosen scale. */
export function timeoutMs(ciSeconds: number, fullSeconds: number): number {
  return scale(ciSeconds, fullSeconds) * 1_000;
}

export function histogram(values: Iterable<string | number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** One line of JSON per run, prefixed so it can be grepped out of the test output. */
export function printFigures(name: string, figures: Record<string, unknown>): void {
  console.log(`CHAOS ${name} ${JSON.stringify({ scale: FULL ? 'full' : 'ci', store: process.env.DESK_TEST_DB ?? 'default', ...figures })}`);
}

/** A small seeded generator (xorshift), so a failing chaos run can be repeated with the same CHAOS_SEED. */
export function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}
