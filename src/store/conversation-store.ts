// Reads a member's snapshot for the engine and commits one step atomically: the processed event,
// the new state (optimistic version) and every database effect, in one batch.
import { and, asc, eq, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import { type ConversationState, INITIAL_STATE, type JourneyStep, type MemberView } from "../engine/types.js";
import type { FieldCipher } from "./cipher.js";
import { type Database, runBatch, type Statement } from "./database.js";

export interface Snapshot {
  member: MemberView;
  state: ConversationState;
  version: number;
}

export async function isProcessed(db: Database, webhookEventId: string): Promise<boolean> {
  const rows = await db
    .select({ id: schema.processedEvents.webhookEventId })
    .from(schema.processedEvents)
    .where(eq(schema.processedEvents.webhookEventId, webhookEventId))
    .limit(1);
  return rows.length > 0;
}

/**
 * Reads everything one event needs in a single read batch; writes only on a member's first contact
 * (idempotent, race-safe inserts), so the usual event costs one commit: its own step.
 * Answers "duplicate" when the event was already processed.
 */
export async function loadSnapshot(
  db: Database,
  cipher: FieldCipher,
  userId: string,
  now: Date,
  webhookEventId = "",
): Promise<Snapshot | "duplicate"> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const [processedRows, conversationRows, memberRows, journeyRows] = await db.batch([
      db
        .select({ id: schema.processedEvents.webhookEventId })
        .from(schema.processedEvents)
        .where(eq(schema.processedEvents.webhookEventId, webhookEventId)),
      db.select().from(schema.conversations).where(eq(schema.conversations.userId, userId)),
      db
        .select({ journeyStep: schema.members.journeyStep })
        .from(schema.members)
        .where(eq(schema.members.userId, userId)),
      db
        .select({ step: schema.journeyEvents.step, at: schema.journeyEvents.at })
        .from(schema.journeyEvents)
        .where(eq(schema.journeyEvents.userId, userId))
        .orderBy(asc(schema.journeyEvents.at)),
    ]);
    if (processedRows.length > 0) return "duplicate";
    const conversation = conversationRows[0];
    const memberRow = memberRows[0];
    if (conversation && memberRow) {
      const journeyAt: MemberView["journeyAt"] = {};
      for (const row of journeyRows) journeyAt[row.step as JourneyStep] = row.at;
      return {
        member: { userId, journeyStep: (memberRow.journeyStep as JourneyStep | null) ?? null, journeyAt },
        state: parseState(await cipher.open(conversation.state)),
        version: conversation.version,
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
