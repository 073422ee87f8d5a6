// Owns erasing one case's resident data, or recording why it is held back: one transaction, one event.
import type { Actor } from '../domain/actor.js';
import type { Case } from '../domain/case.js';
import type { CaseEvent, PersonalDataErasure } from '../domain/events.js';
import { evolveCase, replayCase } from '../domain/evolve-case.js';
import type { DeskContext } from './desk-context.js';
import { DeskError } from './errors.js';
import type { UnitOfWork } from './ports.js';

export interface CaseErasure {
  readonly caseId: string;
  readonly outcome: 'erased' | 'held_back' | 'already_erased';
  readonly heldBack: string | null;
  readonly removed: readonly string[];
}

export type ErasureRecord = Omit<PersonalDataErasure, 'removed' | 'heldBack'>;

/** Two erasures (or an erasure and a click) on the same case at once: the loser tries again. */
const ATTEMPTS = 3;

/** Thrown inside the transaction so everything it wrote rolls back; caught outside to try again. */
class LostRace extends Error {}

export async function eraseCaseData(ctx: DeskContext, caseId: string, record: ErasureRecord, actor: Actor, heldBack: (c: Case) => string | null): Promise<CaseErasure> {
  for (let attempt = 1; ; attempt++) {
    const result = await ctx.store.transaction(async (uow): Promise<CaseErasure> => {
      const c = await uow.cases.getForUpdate(caseId);
      if (!c) throw new DeskError('case_not_found', `no case ${caseId}`);
      const mention = await uow.mentions.get(c.mentionId);
      if (mention && 'erased' in mention.mention) return { caseId, outcome: 'already_erased', heldBack: null, removed: [] };
      const reason = heldBack(c);
      const now = ctx.clock.now();
      const removed = reason ? [] : await eraseStored(uow, c.id, c.mentionId, record.erasureId, now);
      const event: CaseEvent<'case.personal-data.erased'> = {
        type: 'case.personal-data.erased', caseId: c.id, caseVersion: c.version + 1, at: now.toISOString(),
        actor: { personId: actor.personId, name: actor.name, surface: actor.surface }, rule: null,
        data: { ...record, removed, heldBack: reason },
      };
      await uow.events.append([event]);
      // Replaying what the log now holds gives the case with every erased field reading [erased].
      const next = reason ? evolveCase(c, event) : replayCase((await uow.events.forCase(c.id)).map((s) => s.event));
      if (!next || !(await uow.cases.update(next, c.version))) throw new LostRace();
      await uow.outbox.enqueue(ctx.surfaces.map((surface) => ({ key: `card:${surface}:${c.id}:v${next.version}`, kind: 'chat.card.refresh', caseId: c.id, payload: { caseId: c.id, surface } })));
      return { caseId, outcome: reason ? 'held_back' : 'erased', heldBack: reason, removed };
    }).catch((e: unknown) => {
      if (e instanceof LostRace) return null;
      throw e;
    });
    if (result) return result;
    if (attempt >= ATTEMPTS) throw new DeskError('erasure_conflict', `case ${caseId} kept changing while it was being erased; run the erasure again`);
  }
}

async function eraseStored(uow: UnitOfWork, caseId: string, mentionId: string, erasureId: string, now: Date): Promise<string[]> {
  const erased = await uow.personalData.eraseCase(caseId, mentionId, erasureId, now);
  return [
    "the post's text, media and parent text; the author's id, name and handle; the link's path",
    `${erased.eventFields} personal field(s) in the case history (author key, reply texts, notes, reasons)`,
    `${erased.outboxItems} finished outbound item(s)`,
  ];
}
