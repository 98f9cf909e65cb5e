// What the end-to-end tests read back from the real libSQL file and the emulator: a member's saved
// registration and conversation (through the plain cipher of emulator mode), every table at once
// for "this value is stored nowhere" checks, and the pushes a member received.
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { ConversationState, RegistrationAnswers } from "../../src/engine/types.js";
import type { Database } from "../../src/store/database.js";
import type { TestBot } from "./bot.js";
import type { Message } from "./e2e-member.js";

/** Without DATA_ENCRYPTION_KEY personal fields are stored as "plain:<json>". */
export function unseal(stored: string | null): string | null {
  if (stored === null) return null;
  if (!stored.startsWith("plain:"))
    throw new Error(`expected a plain-sealed value, got ${stored.slice(0, 12)}…`);
  return stored.slice("plain:".length);
}

export interface MemberRow {
  user_id: string;
  status: string;
  journey_step: string | null;
  affiliation: string | null;
  registration: string | null;
  reminders_off_at: string | null;
}

export async function memberRow(db: Database, userId: string): Promise<MemberRow | undefined> {
  const rows = await db.all<MemberRow>(sql`select * from members where user_id = ${userId}`);
  return rows[0];
}

export async function savedRegistration(db: Database, userId: string): Promise<RegistrationAnswers | null> {
  const json = unseal((await memberRow(db, userId))?.registration ?? null);
  return json === null ? null : (JSON.parse(json) as RegistrationAnswers);
}

export async function conversation(db: Database, userId: string): Promise<ConversationState> {
  const rows = await db.all<{ state: string }>(
    sql`select state from conversations where user_id = ${userId}`,
  );
  if (!rows[0]) throw new Error("no conversation row");
  return JSON.parse(unseal(rows[0].state)!) as ConversationState;
}

/** Every row of every table (drizzle's migration log included), as one JSON text to search. */
export async function dumpAllTables(db: Database): Promise<string> {
  const tables = await db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table'`);
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables)
    dump[name] = await db.all(sql.raw(`select * from "${name.replaceAll('"', '""')}"`));
  return JSON.stringify(dump);
}

export async function countRows(db: Database, table: string, userId?: string): Promise<number> {
  const where = userId === undefined ? sql`` : sql` where user_id = ${userId}`;
  const rows = await db.all<{ n: number }>(sql`select count(*) as n from ${sql.identifier(table)}${where}`);
  return Number(rows[0]?.n ?? 0);
}

export interface Delivery {
  seq: number;
  via: string;
  messages: Message[];
}

/** Pushes (not replies) the emulator received for a member, via GET /dev/simulator/messages. */
export async function pushesTo(bot: TestBot, userId: string, sinceSeq = 0): Promise<Delivery[]> {
  const res = await fetch(
    `${bot.url}/dev/simulator/messages?userId=${encodeURIComponent(userId)}&sinceSeq=${sinceSeq}`,
  );
  if (!res.ok) throw new Error(`simulator messages answered ${res.status}`);
  const body = (await res.json()) as { deliveries: Delivery[] };
  return body.deliveries.filter((d) => d.via === "push");
}

/** The captured logger lines hold none of `typed` (message bodies, personal values). */
export function expectLogsFree(bot: TestBot, typed: string[]): void {
  expect(bot.logs.length).toBeGreaterThan(0);
  const lines = bot.logs.join("\n");
  for (const value of typed) expect(lines, "a log line carries what a member typed").not.toContain(value);
}
