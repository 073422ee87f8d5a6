// The outcome of deciding a command: the events it produces, or a refusal saying why not.
import type { Actor } from './actor.js';
import type { Case } from './case.js';
import type { CaseCommandType } from './commands.js';
import type { CaseEvent, CaseEventType, EventDataMap } from './events.js';
import type { Refusal } from './refusal.js';
import type { Role } from './roles.js';

export type Decision = { readonly ok: true; readonly events: readonly CaseEvent[] } | { readonly ok: false; readonly refusal: Refusal };

/** Which roles may send each command; from the policy file, so councils can change it. */
export type PermissionTable = Readonly<Partial<Record<CaseCommandType, readonly Role[]>>>;

export interface DecisionContext {
  readonly actor: Actor;
  readonly now: Date;
  readonly permissions: PermissionTable;
  /** Whether a person leads a service area (from the policy). */
  readonly isLeadOf: (personId: string, serviceTag: string) => boolean;
  /** Whether a person may own a case (their roles may claim one; from the policy). */
  readonly canWorkCases: (personId: string) => boolean;
  /** Renders an instant in the council's time zone for refusal messages ("10:42"). */
  readonly formatTime: (iso: string) => string;
  /** A person's place in a service (lead, deputy or officer; from the policy), for escalation answers (issue 18). */
  readonly serviceRole?: (personId: string, serviceTag: string) => 'lead' | 'deputy' | 'officer' | null;
  /** Whether the policy lets a service draft replies itself (001 matrix option 4). */
  readonly serviceMayReply?: (serviceTag: string) => boolean;
}

/** Builds the events of one accepted command; each bumps the case to the same next version. */
export class EventBuilder {
  private readonly events: CaseEvent[] = [];
  constructor(private readonly c: Case, private readonly ctx: DecisionContext) {}

  add<T extends CaseEventType>(type: T, data: EventDataMap[T], rule: string | null = null): this {
    const { personId, name, surface } = this.ctx.actor;
    const event = { type, caseId: this.c.id, caseVersion: this.c.version + 1, at: this.ctx.now.toISOString(), actor: { personId, name, surface }, rule, data };
    this.events.push(event as CaseEvent);
    return this;
  }

  accept(): Decision {
    return { ok: true, events: this.events };
  }
}

export function rejected(refusal: Refusal): Decision {
  return { ok: false, refusal };
}
