// The interfaces the core needs from the outside world: store, outbox, clock, ids.
import type { Case, CaseState } from '../domain/case.js';
import type { AppendedCaseEvent, CaseEvent, StoredCaseEvent } from '../domain/events.js';
import type { Mention } from '../domain/mention.js';
import type { DashboardCaseRow, DashboardFigures, DashboardFilter, DrillDown } from '../domain/dashboard-figures.js';
import type { WorkingTime } from '../policy/working-spans.js';
import type { ModerationRecord } from '../domain/moderation-record.js';
import type { IntakeStore } from './intake-ports.js';
import type { CaseChangeStore } from './case-change-ports.js';
import type { PersonalDataStore } from './personal-data-ports.js';
import type { AccountSeen } from './account-seen.js';
import type { MentionArrival, MentionExtras } from './mention-arrival.js';
import type { Outbox } from './outbox-item.js';

export type { AccountSeen } from './account-seen.js';
export type { MentionArrival, MentionExtras } from './mention-arrival.js';
export type { Outbox, OutboxItem } from './outbox-item.js';

export interface Clock {
  now(): Date;
}

export interface StoredMention {
  readonly id: string;
  readonly mention: Mention;
  readonly receivedAt: string;
}

export type MentionInsertOutcome = { readonly inserted: true } | { readonly inserted: false; readonly existingId: string };

export interface MentionRepository {
  /** Inserts unless (network, externalId) is already stored; the unique key makes duplicates impossible. */
  insertIfNew(id: string, mention: Mention, receivedAt: Date, extra?: MentionExtras): Promise<MentionInsertOutcome>;
  /** The same for many, in a constant number of statements; outcomes in the order given (keys must be distinct). */
  insertManyIfNew(arrivals: readonly MentionArrival[]): Promise<MentionInsertOutcome[]>;
  get(id: string): Promise<StoredMention | null>;
  /** Up to `limit` cases whose mention arrived since an instant on one topic, oldest first (surge detection). */
  /** Cases on `topic` whose posts were made since `since` (posting time, not arrival), oldest first. */
  recentOnTopic(topic: string, since: Date, limit: number): Promise<Array<{ readonly caseId: string; readonly postedAt: Date }>>;
  /** The first other case on this thread (the post a comment answers, or the post) closed with the facts corrected (004 §6). */
  factsCorrectedInThread(network: string, threadId: string, exceptCaseId: string): Promise<string | null>;
  /** The ids of the other cases, not closed, on the same thread as this case's mention (same network and thread). */
  openCasesOnThreadOf(caseId: string): Promise<string[]>;
}

export interface CaseQuery {
  readonly states?: readonly CaseState[];
  readonly ownerId?: string;
  readonly limit?: number;
}

export interface CaseRepository {
  /** A short, human-friendly id for a new case ("MD-1042"), unique across replicas. */
  nextCaseId(): Promise<string>;
  /** `count` of them in one statement, ascending. */
  nextCaseIds(count: number): Promise<string[]>;
  get(id: string): Promise<Case | null>;
  /**
   * The case, its row held until the transaction ends. A writer that appends events before it saves the case
   * (an erasure) takes this first: every writer then locks the case before its facts (case_facts, kept by
   * triggers on both tables), and two of them cannot deadlock.
   */
  getForUpdate(id: string): Promise<Case | null>;
  findByMention(mentionId: string): Promise<Case | null>;
  insert(c: Case): Promise<void>;
  /** Many new cases in one statement. */
  insertMany(cases: readonly Case[]): Promise<void>;
  /** Saves only if the stored version is still `expectedVersion`; false means someone else won. */
  update(c: Case, expectedVersion: number): Promise<boolean>;
  /** Tells the live pages these cases changed (as a save does, on commit) when what they show changed but not the case. */
  announce(caseIds: readonly string[]): Promise<void>;
  /** Oldest first. */
  list(query: CaseQuery): Promise<Case[]>;
}

export type ChainVerdict =
  | { readonly ok: true; readonly count: number }
  | { readonly ok: false; readonly count: number; readonly firstBad: { readonly seq: number; readonly id: string; readonly caseId: string }; readonly reason: string };

export interface EventLog {
  /**
   * Appends in order, without waiting for any other appender; the sealer chains each event's hash
   * to the one before (tamper evidence) shortly after the transaction commits.
   */
  append(events: readonly CaseEvent[]): Promise<AppendedCaseEvent[]>;
  /** A case's events in seq order, sealed or not (never waits for the sealer). */
  forCase(caseId: string): Promise<StoredCaseEvent[]>;
  /** Seals what can be sealed now, then walks the sealed chain. */
  verifyChain(): Promise<ChainVerdict>;
}

export interface AccountRepository {
  recordSeen(account: AccountSeen, at: Date): Promise<void>;
  /** The same for many sightings (one per newly opened case) in one statement; the same author may appear more than once. */
  recordSeenMany(sightings: readonly { readonly account: AccountSeen; readonly at: Date }[]): Promise<void>;
  /**
   * Every breach, warning and block in force across all the author's cases. The same person is
   * known only by the same author key ('network:authorId') for now: accounts are not linked across networks.
   */
  history(authorKey: string): Promise<ModerationRecord>;
}

/** Emergency or major disruption: the website is the main channel, replies may point there (002 §6.2.5). */
export interface EmergencyMode {
  readonly message: string;
  readonly link: string;
  readonly since: string;
  readonly by: string;
}

export interface DeskSettingsRepository {
  emergencyMode(): Promise<EmergencyMode | null>;
  /** Sets or clears it, and appends the change to the settings history. */
  recordEmergencyMode(mode: EmergencyMode | null, by: { readonly personId: string; readonly name: string; readonly surface: string }, at: Date): Promise<void>;
}

/** Who is out of office and when (issue 18): escalations they hold move on to a deputy at once. */
export interface AwayRegister {
  list(): Promise<import('../policy/away.js').AwayPeriod[]>;
  /** Sets or clears a person's period, and appends the change to the settings history. */
  record(personId: string, period: { readonly from: string; readonly to: string } | null, by: { readonly personId: string; readonly name: string; readonly surface: string }, at: Date): Promise<void>;
}

/** The holding line agreed for a surge, per topic (issue 18; src/policy/holding-line.ts). */
export interface HoldingLines {
  forTopic(topic: string): Promise<import('../policy/holding-line.js').HoldingLine | null>;
  /** Records `line` unless `keep(existing)` says the one in force stands; returns the line that stands. */
  agree(line: import('../policy/holding-line.js').HoldingLine, keep: (existing: import('../policy/holding-line.js').HoldingLine | null) => boolean, by: { readonly personId: string; readonly surface: string }): Promise<import('../policy/holding-line.js').HoldingLine>;
}

/** What the management report reads. */
export interface ReportSource {
  casesOpenedBetween(from: Date, to: Date): Promise<Case[]>;
  /**
   * The `limit` most recently opened cases someone may have decided on (classified, moderated, or an
   * escalation), oldest first, each with its mention's text: what the learned suggestions train on.
   */
  recentDecidedCases(limit: number): Promise<Array<{ readonly case: Case; readonly text: string }>>;
  eventsOfTypes(caseIds: readonly string[], types: readonly CaseEvent['type'][]): Promise<CaseEvent[]>;
}

/** What the management dashboard reads: every figure computed by the store from the event log (src/store/dashboard). */
export interface DashboardSource {
  figures(q: DashboardQuery): Promise<DashboardFigures>;
  cases(q: DashboardQuery, drill: DrillDown | null, limit: number | null): Promise<DashboardCaseRow[]>;
}

export interface DashboardQuery {
  readonly filter: DashboardFilter;
  /** The council's zone: days and hours are local. */
  readonly timeZone: string;
  /** The working calendar's open periods from before the earliest post to now (policy/working-spans.ts). */
  readonly working: WorkingTime;
  readonly surge: { readonly cases: number; readonly withinMinutes: number };
  readonly now: Date;
}

/** The repositories inside one transaction: everything written together or not at all. */
export interface UnitOfWork {
  readonly settings: DeskSettingsRepository;
  readonly reports: ReportSource;
  readonly dashboard: DashboardSource;
  readonly mentions: MentionRepository;
  readonly cases: CaseRepository;
  /** A case command's save: the case, its events and outbox items in one statement. */
  readonly caseChanges: CaseChangeStore;
  readonly events: EventLog;
  readonly outbox: Outbox;
  readonly accounts: AccountRepository;
  readonly intake: IntakeStore;
  readonly away: AwayRegister;
  readonly holdingLines: HoldingLines;
  readonly personalData: PersonalDataStore;
}

export interface Store extends UnitOfWork {
  transaction<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T>;
  /** Reachable and migrated; readiness, not liveness. */
  ready(): Promise<{ readonly ok: boolean; readonly detail: string }>;
  close(): Promise<void>;
}

/** What a connector is asked to act on: the mention on its network, and who wrote it. */
export interface NetworkTarget {
  readonly network: string;
  readonly externalId: string;
  readonly authorId: string;
  readonly parentExternalId: string | null;
  readonly kind: Mention['kind'];
}

/**
 * One per network (Facebook, Instagram, X …): acts out on the network. Throws RateLimitError,
 * PermanentError or anything else (retried). `idempotencyKey` lets a connector find what an
 * earlier attempt with an unknown outcome created, instead of creating it twice.
 */
export interface NetworkConnector {
  readonly network: string;
  /** False for a stand-in that can only say why nothing can be done there (not connected, or no API). */
  readonly available?: boolean;
  reply(target: NetworkTarget, text: string, visibility: 'public' | 'private', idempotencyKey: string): Promise<{ readonly networkReplyId: string }>;
  moderate(target: NetworkTarget, action: 'hide' | 'unhide' | 'delete' | 'block' | 'unblock', idempotencyKey: string): Promise<void>;
}

export interface CardMessage {
  readonly caseId: string;
  readonly surface: string;
  readonly purpose: string;
  readonly channel: string;
  /** '' while the post is under way or its outcome is unknown. */
  readonly messageId: string;
  readonly threadId: string | null;
  readonly createdAt: Date;
  /** Exact text of updated_at, for compare-and-set (a JS Date would lose the microseconds). */
  readonly version: string;
  /** A post started less than IN_FLIGHT_SECONDS ago and has not reported back. */
  readonly inFlight: boolean;
  /** The last attempt got no answer so recently that its request may still land: too early to look for it. */
  readonly landing: boolean;
  /**
   * Where in time the last post attempt may have landed (server clock), for a reservation: from its start to
   * when it was known to have ended, or to the longest a post can take when its worker died mid-way.
   */
  readonly attemptWindow: { readonly from: Date; readonly to: Date };
}

/** Where each case's chat messages are, and the reservation that keeps a post from happening twice. */
export interface CardMessageRepository {
  get(caseId: string, surface: string, purpose: string): Promise<CardMessage | null>;
  /** Inserts a reservation; false when a row already exists. */
  reserve(caseId: string, surface: string, purpose: string, channel: string): Promise<boolean>;
  /** Takes over an abandoned reservation, only if nobody else changed it since `version`. */
  takeOver(row: CardMessage): Promise<boolean>;
  /** A taken-over reservation is about to be posted again: its attempt window starts now. */
  beginAttempt(caseId: string, surface: string, purpose: string): Promise<void>;
  complete(caseId: string, surface: string, purpose: string, channel: string, messageId: string, threadId: string | null): Promise<void>;
  /** The post certainly did not happen (429, an error answer): drop the reservation. */
  release(caseId: string, surface: string, purpose: string): Promise<void>;
  /** The post may have happened (timeout, 5xx), or a look for it failed: whoever comes next must look before posting. */
  markUnknown(caseId: string, surface: string, purpose: string, mayStillLand?: boolean): Promise<void>;
  /** The message is gone from chat (deleted by someone): forget it so the next refresh posts anew. */
  forget(caseId: string, surface: string, purpose: string): Promise<void>;
  listPosted(caseId: string, surface: string): Promise<CardMessage[]>;
}
