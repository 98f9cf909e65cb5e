// After a key rotation, moves every sealed value to the current key: values sealed with an older key
// of the ring (or in the format before key ids, or stored plain before a key was set) are opened and
// sealed again. Runs from the scheduler tick in bounded pages; each update is a compare-and-set on
// the value as read, so a member writing meanwhile keeps their fresh value. A value no key opens is
// left as it is and counted (it opens again if its key is put back). Once a whole pass finds nothing
// left for the current key, that is noted in `meta` and later ticks cost one read until the key changes.
import { and, asc, eq, gt, isNotNull, ne, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "../../db/schema.js";
import type { Clock, Logger } from "../ports.js";
import { type FieldCipher, UnreadableValueError } from "../store/cipher.js";
import type { Database } from "../store/database.js";

const { conversations, members, inquiries, memberNotes, roster, unansweredQuestions, questionOutcomes } =
  schema;

/** Every column that holds a sealed value, with the key that names its row (its property for set()). */
export const SEALED_COLUMNS = [
  { table: conversations, key: conversations.userId, column: conversations.state, prop: "state" },
  { table: members, key: members.userId, column: members.registration, prop: "registration" },
  { table: inquiries, key: inquiries.id, column: inquiries.question, prop: "question" },
  { table: inquiries, key: inquiries.id, column: inquiries.answer, prop: "answer" },
  { table: memberNotes, key: memberNotes.id, column: memberNotes.note, prop: "note" },
  { table: roster, key: roster.registrationNumber, column: roster.ownerName, prop: "ownerName" },
  {
    table: unansweredQuestions,
    key: unansweredQuestions.id,
    column: unansweredQuestions.question,
    prop: "question",
  },
  { table: questionOutcomes, key: questionOutcomes.id, column: questionOutcomes.question, prop: "question" },
] as const;

const META_KEY = "reseal";

export interface ResealDeps {
  db: Database;
  cipher: FieldCipher;
  clock: Clock;
  logger: Logger;
}

export interface ResealResult {
  resealed: number;
  unreadable: number;
  /** True when the pass reached the end of every table (nothing left for this key). */
  complete: boolean;
}

interface Mark {
  prefix: string;
  unreadable: number;
  at: string;
}

/** What the last complete pass found, for the current key (null: not done yet, or no key). */
export async function resealMark(db: Database, cipher: FieldCipher): Promise<Mark | null> {
  const [row] = await db
    .select({ value: schema.meta.value })
    .from(schema.meta)
    .where(eq(schema.meta.key, META_KEY));
  if (!row || !cipher.currentKeyPrefix) return null;
  const mark = JSON.parse(row.value) as Mark;
  return mark.prefix === cipher.currentKeyPrefix ? mark : null;
}

export async function runReseal(
  deps: ResealDeps,
  options: { pageSize?: number; maxPages?: number; force?: boolean } = {},
): Promise<ResealResult> {
  const { db, cipher } = deps;
  const prefix = cipher.currentKeyPrefix;
  const result: ResealResult = { resealed: 0, unreadable: 0, complete: true };
  if (!prefix) return result; // no key: nothing is sealed, nothing to move
  if (!options.force && (await resealMark(db, cipher))) return result;
  const size = options.pageSize ?? 200;
  let pagesLeft = options.maxPages ?? 25;
  for (const target of SEALED_COLUMNS) {
    let cursor: string | number | null = null;
    for (;;) {
      if (pagesLeft-- <= 0) {
        result.complete = false;
        break;
      }
      const t = target as unknown as {
        table: SQLiteTable;
        key: SQLiteColumn;
        column: SQLiteColumn;
        prop: string;
      };
      const rows = (await db
        .select({ k: t.key, v: t.column })
        .from(t.table)
        .where(
          and(
            isNotNull(t.column),
            ne(sql`substr(${t.column}, 1, ${prefix.length})`, prefix),
            cursor === null ? undefined : gt(t.key, cursor),
          ),
        )
        .orderBy(asc(t.key))
        .limit(size)) as Array<{ k: string | number; v: string }>;
      const updates = [];
      for (const row of rows) {
        let plain: string;
        try {
          plain = await cipher.open(row.v);
        } catch (error) {
          if (!(error instanceof UnreadableValueError)) throw error;
          result.unreadable += 1;
          continue;
        }
        updates.push(
          db
            .update(t.table)
            .set({ [t.prop]: await cipher.seal(plain) })
            .where(and(eq(t.key, row.k), eq(t.column, row.v)))
            .returning({ k: t.key }),
        );
      }
      if (updates.length > 0) {
        const done = await db.batch(updates as unknown as [(typeof updates)[number], ...typeof updates]);
        result.resealed += (done as unknown as unknown[][]).reduce<number>((n, r) => n + r.length, 0);
      }
      if (rows.length < size) break;
      cursor = rows[rows.length - 1]?.k ?? null;
    }
    if (!result.complete) break;
  }
  if (result.complete) {
    const value = JSON.stringify({
      prefix,
      unreadable: result.unreadable,
      at: deps.clock.now().toISOString(),
    });
    await db
      .insert(schema.meta)
      .values({ key: META_KEY, value, updatedAt: deps.clock.now().toISOString() })
      .onConflictDoUpdate({
        target: schema.meta.key,
        set: { value, updatedAt: deps.clock.now().toISOString() },
      });
  }
  if (result.resealed > 0 || result.unreadable > 0 || !result.complete)
    deps.logger.info("reseal.done", { ...result });
  return result;
}
