// Staff changes to a member (erasure, a relayed journey step) happen outside the member's webhook
// events. To keep an event already in flight from committing on top of them with what it read before
// (e.g. re-saving an erased registration), the staff change takes the member's next conversation
// version as if it were an event: a processed_events row (user_id, version + 1) and the version bump,
// in the same batch. The in-flight event then collides on (user_id, user_version) and is retried on
// fresh state by the bot, exactly like two racing events of one member.
import { eq, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import type { Database, Statement } from "./database.js";

const c = schema.conversations;

/** The processed_events row claiming version + 1; must precede the statement that bumps the version. */
export function versionMarkerStatement(db: Database, userId: string, action: string, at: string): Statement {
  const markerId = `staff:${action}:${crypto.randomUUID()}`;
  return db
    .insert(schema.processedEvents)
    .select(
      sql`select ${markerId}, ${c.userId}, ${c.version} + 1, ${at} from ${c} where ${c.userId} = ${userId}`,
    );
}

/** Marker and version bump, for a staff change that leaves the conversation state as it is. */
export function bumpConversationStatements(
  db: Database,
  userId: string,
  action: string,
  at: string,
): Statement[] {
  return [
    versionMarkerStatement(db, userId, action, at),
    db
      .update(c)
      .set({ version: sql`${c.version} + 1`, updatedAt: at })
      .where(eq(c.userId, userId)),
  ];
}
