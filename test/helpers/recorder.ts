// Owns an append-only list that tests can wait on: "resolve when an item like this has arrived".

export interface Recorder<T> {
  readonly items: readonly T[];
  push(item: T): void;
  clear(): void;
  /** Resolves with the first item (already recorded or arriving later) that matches. */
  waitFor(predicate: (item: T) => boolean, timeoutMs: number, label: string): Promise<T>;
}

export function createRecorder<T>(): Recorder<T> {
  const items: T[] = [];
  const waiters = new Set<(item: T) => void>();

  return {
    items,
    push(item) {
      items.push(item);
      for (const notify of [...waiters]) notify(item);
    },
    clear() {
      items.length = 0;
    },
    waitFor(predicate, timeoutMs, label) {
      const seen = items.find(predicate);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${label}`));
        }, timeoutMs);
        function check(item: T): void {
          if (!predicate(item)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(item);
        }
        waiters.add(check);
      });
    },
  };
}
