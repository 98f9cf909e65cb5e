// Reads a member's snapshot for the engine and commits one step atomically: the processed event,
// the new state (optimistic version) and every database effect, in one batch.
import { and, eq, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import {
  type ConversationState,
  type ExemptionReason,
  INITIAL_STATE,
  type JourneyStep,
  type MemberView,
} from "../engine/types.js";
import { type FieldCipher, UnreadableValueError } from "./cipher.js";
import { type Database, runBatch, type Statement } from "./database.js";
import { KNOWLEDGE_VERSION_KEY } from "./knowledge.js";

/**
 * The member's stored state is sealed with no key of the ring: permanent for this member until the
 * key is restored or staff erase the data. Carries what the fault path needs to record the event.
 */
export class UnreadableStateError extends UnreadableValueError {
  override name = "UnreadableStateError";
  constructor(
    readonly userId: string,
    readonly version: number,
  ) {
    super("the member's conversation state");
  }
}

export interface Snapshot {
  member: MemberView;
  state: ConversationState;
  version: number;
  /** The knowledge version stored with the data (read in the same statement; see knowledge/live.ts). */
  knowledgeVersion?: number;
}

export async function isProcessed(db: Database, webhookEventId: string): Promise<boolean> {
  const rows = await db
    .select({ id: schema.processedEvents.webhookEventId })
    .from(schema.processedEvents)
    .where(eq(schema.processedEvents.webhookEventId, webhookEventId))
    .limit(1);
  return rows.length > 0;
}

interface SnapshotRow {
  state: string;
  version: number;
  journey_step: string | null;
  exemption: string | null;
  processed: number;
  journey: string | null;
  knowledge_version: string | null;
  inquiry_answered_at: string | null;
}

/**
 * Reads everything one event needs in one statement (the hot path: one prepare, no transaction);
 * writes only on a member's first contact (idempotent, race-safe inserts), so the usual event
 * costs a single commit: its own step. Answers "duplicate" when the event was already processed.
 */
export async function loadSnapshot(
  db: Database,
  cipher: FieldCipher,
  userId: string,
  now: Date,
  webhookEventId = "",
): Promise<Snapshot | "duplicate"> {
  for (let attempt = 0; attempt < 2; attempt++) {
    // all(), not get(): drizzle's libSQL get() throws on an empty result with raw SQL.
    const [row] = await db.all<SnapshotRow>(sql`
      select c.state as state, c.version as version, m.journey_step as journey_step,
        m.exemption as exemption,
        exists(select 1 from processed_events where webhook_event_id = ${webhookEventId}) as processed,
        (select json_group_array(json_array(step, at)) from
          (select step, at from journey_events where user_id = ${userId} order by at)) as journey,
        (select value from meta where key = ${KNOWLEDGE_VERSION_KEY}) as knowledge_version,
        (select max(answered_at) from inquiries where user_id = ${userId} and status = 'answered')
          as inquiry_answered_at
      from members m join conversations c on c.user_id = m.user_id
      where m.user_id = ${userId}`);
    if (row) {
      if (Number(row.processed) === 1) return "duplicate";
      const journeyAt: MemberView["journeyAt"] = {};
      for (const [step, at] of JSON.parse(row.journey ?? "[]") as Array<[JourneyStep, string]>)
        journeyAt[step] = at;
      const version = Number(row.version);
      let opened: string;
      try {
        opened = await cipher.open(row.state);
      } catch (error) {
        if (error instanceof UnreadableValueError) throw new UnreadableStateError(userId, version);
        throw error;
      }
      return {
        member: {
          userId,
          journeyStep: (row.journey_step as JourneyStep | null) ?? null,
          journeyAt,
          exemption: (row.exemption as ExemptionReason | null) ?? null,
          inquiryAnsweredAt: row.inquiry_answered_at ?? null,
        },
        state: parseState(opened),
        version,
        knowledgeVersion: Number(row.knowledge_version ?? 0) || 0,
      };
    }
    await createMember(db, cipher, userId, now.toISOString());
  }
  throw new Error("member rows missing after creation");
}

async function createMember(db: Database, cipher: FieldCipher, userId: string, at: string): Promise<void> {
  await db.batch([
    db.insert(schema.members).values({ userId, createdAt: at }).onConflictDoNothing(),
    db
      .insert(schema.conversations)
      .values({ userId, state: await cipher.seal(JSON.stringify(INITIAL_STATE)), version: 0, updatedAt: at })
      .onConflictDoNothing(),
  ]);
}

function parseState(json: string): ConversationState {
  try {
    const state = JSON.parse(json) as ConversationState;
    return state && typeof state === "object" && state.flow ? state : INITIAL_STATE;
  } catch {
    return INITIAL_STATE;
  }
}

export interface Commit {
  webhookEventId: string;
  userId: string;
  fromVersion: number;
  state: ConversationState;
  now: Date;
  /** Statements for the step's effects, in the same batch. */
  effects: Statement[];
}

export type CommitOutcome = "committed" | "duplicate" | "conflict";

/**
 * The processed-event row conflicts on its primary key for a redelivery and on
 * (user_id, user_version) when another event of the member committed first: either way the whole
 * batch is rolled back, and we tell which.
 */
export async function commitStep(db: Database, cipher: FieldCipher, commit: Commit): Promise<CommitOutcome> {
  const at = commit.now.toISOString();
  const toVersion = commit.fromVersion + 1;
  const statements: Statement[] = [
    db.insert(schema.processedEvents).values({
      webhookEventId: commit.webhookEventId,
      userId: commit.userId,
      userVersion: toVersion,
      processedAt: at,
    }),
    db
      .update(schema.conversations)
      .set({ state: await cipher.seal(JSON.stringify(commit.state)), version: toVersion, updatedAt: at })
      .where(
        and(
          eq(schema.conversations.userId, commit.userId),
          eq(schema.conversations.version, commit.fromVersion),
        ),
      ),
    db.update(schema.members).set({ lastSeenAt: at }).where(eq(schema.members.userId, commit.userId)),
    ...commit.effects,
  ];
  try {
    await runBatch(db, statements);
    return "committed";
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return (await isProcessed(db, commit.webhookEventId)) ? "duplicate" : "conflict";
  }
}

export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const text = `${(e as { code?: string }).code ?? ""} ${(e as Error).message ?? ""}`;
    if (/UNIQUE|PRIMARYKEY|constraint/i.test(text)) return true;
  }
  return false;
}

/** Clears the conversation without an event (e.g. staff erasing a member). */
export function resetConversationStatement(
  db: Database,
  userId: string,
  sealedInitial: string,
  at: string,
): Statement {
  return db
    .update(schema.conversations)
    .set({ state: sealedInitial, version: sql`${schema.conversations.version} + 1`, updatedAt: at })
    .where(eq(schema.conversations.userId, userId));
}
