// What every use case needs: the store, the clock, the council's policy and where cards go.
import type { LearnedModels } from '../policy/combine-suggestions.js';
import type { Policy } from '../policy/policy-schema.js';
import type { ChatSurface } from '../policy/policy-directory.js';
import type { WorkingCalendar } from '../policy/working-calendar.js';
import type { Clock, Store } from './ports.js';

export interface DeskContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly policy: Policy;
  readonly calendar: WorkingCalendar;
  /** The chat platforms configured: each shows every case card. */
  readonly surfaces: readonly ChatSurface[];
  readonly newId: () => string;
  /** Runs these outbox items at once (what a person waits to see); the poll retries them if this fails. */
  readonly dispatchNow?: (keys: readonly string[]) => Promise<unknown>;
  /** What the desk has learned from this council's recorded decisions (src/services/learned-suggestions.ts). */
  readonly learned?: { current(): LearnedModels };
}
