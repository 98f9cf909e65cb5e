// The association's campaign view of its roster: each roster row is one of 「LINE未登録」 (no member
// linked, or the member left), 「未着手」, 「途中」 (at step X), 「導入完了」 or 「対象外（届出）」.
// Rows are linked to members by the 登録記号番号 a member confirms in the registration form, or by
// staff by hand (a staff link is never replaced by a member's). Aggregates and pages are one query
// each; the CSV export pages through the rows by registration number.
import { and, asc, eq, gt, isNotNull, isNull, ne, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import { registrationNumberOf } from "../engine/registration/model.js";
import type { RegistrationAnswers } from "../engine/types.js";
import type { FieldCipher } from "./cipher.js";
import { type Database, runBatch, type Statement } from "./database.js";

export const COVERAGE_STATES = ["notOnLine", "notStarted", "inProgress", "done", "exempt"] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];
/** The filter of the list: a state, or every row not yet done (what staff follow up by phone). */
export type CoverageFilter = CoverageState | "notDone" | "all";
export const NOT_DONE: readonly CoverageState[] = ["notOnLine", "notStarted", "inProgress"];

const r = schema.roster;
const l = schema.rosterLinks;
const m = schema.members;

const STATE = sql<CoverageState>`case
  when ${m.userId} is null or ${m.status} <> 'active' then 'notOnLine'
  when ${m.exemption} is not null then 'exempt'
  when ${m.journeyStep} = 'started' then 'done'
  when ${m.journeyStep} is null then 'notStarted'
  else 'inProgress' end`;

function stateWhere(filter: CoverageFilter) {
  if (filter === "all") return sql`1 = 1`;
  const states = filter === "notDone" ? NOT_DONE : [filter];
  return sql`${STATE} in (${sql.join(
    states.map((s) => sql`${s}`),
    sql`, `,
  )})`;
}

const joined = (db: Database) =>
  db
    .select({
      registrationNumber: r.registrationNumber,
      clinicName: r.clinicName,
      ownerName: r.ownerName,
      userId: m.userId,
      journeyStep: m.journeyStep,
      state: STATE,
    })
    .from(r)
    .leftJoin(l, eq(l.registrationNumber, r.registrationNumber))
    .leftJoin(m, eq(m.userId, l.userId));

export type CoverageRow = Awaited<ReturnType<ReturnType<typeof joined>["limit"]>>[number];

export async function coverageCounts(
  db: Database,
): Promise<Record<CoverageState, number> & { total: number }> {
  const rows = await db
    .select({ state: STATE, n: sql<number>`count(*)` })
    .from(r)
    .leftJoin(l, eq(l.registrationNumber, r.registrationNumber))
    .leftJoin(m, eq(m.userId, l.userId))
    .groupBy(STATE);
  const counts = { notOnLine: 0, notStarted: 0, inProgress: 0, done: 0, exempt: 0, total: 0 };
  for (const row of rows) {
    counts[row.state] = Number(row.n);
    counts.total += Number(row.n);
  }
  return counts;
}

export async function coveragePage(
  db: Database,
  filter: CoverageFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: CoverageRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    joined(db)
      .where(stateWhere(filter))
      .orderBy(asc(r.registrationNumber))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ n: sql<number>`count(*)` })
      .from(r)
      .leftJoin(l, eq(l.registrationNumber, r.registrationNumber))
      .leftJoin(m, eq(m.userId, l.userId))
      .where(stateWhere(filter)),
  ]);
  return { rows, total: Number(total[0]?.n ?? 0) };
}

/** Every row of a filter, in pages (the CSV export). */
export async function* scanCoverage(db: Database, filter: CoverageFilter, size = 500) {
  let after = "";
  for (;;) {
    const rows = await joined(db)
      .where(and(stateWhere(filter), gt(r.registrationNumber, after)))
      .orderBy(asc(r.registrationNumber))
      .limit(size);
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.registrationNumber;
    if (rows.length < size) return;
  }
}

/**
 * The member confirmed `registrationNumber`: link them to that roster row if it exists and nobody
 * is linked to it yet. A member's earlier own link (another number) goes; a staff link stays.
 */
export function memberLinkStatements(
  db: Database,
  userId: string,
  registrationNumber: string,
  at: string,
): Statement[] {
  return [
    db
      .delete(l)
      .where(and(eq(l.userId, userId), eq(l.source, "member"), ne(l.registrationNumber, registrationNumber))),
    db
      .insert(l)
      .select(
        db
          .select({
            registrationNumber: r.registrationNumber,
            userId: sql<string>`${userId}`.as("user_id"),
            source: sql<"member">`'member'`.as("source"),
            at: sql<string>`${at}`.as("at"),
          })
          .from(r)
          .where(eq(r.registrationNumber, registrationNumber)),
      )
      .onConflictDoNothing(),
  ];
}

/** Staff link a member to a roster row by hand: it replaces whatever either side was linked to. */
export function staffLinkStatements(
  db: Database,
  userId: string,
  registrationNumber: string,
  at: string,
): Statement[] {
  return [
    db.delete(l).where(eq(l.userId, userId)),
    db.delete(l).where(eq(l.registrationNumber, registrationNumber)),
    db.insert(l).values({ registrationNumber, userId, source: "staff", at }),
  ];
}

export function unlinkStatement(db: Database, userId: string): Statement {
  return db.delete(l).where(eq(l.userId, userId));
}

export async function linkOf(db: Database, userId: string) {
  const rows = await db
    .select({ registrationNumber: l.registrationNumber, source: l.source, clinicName: r.clinicName })
    .from(l)
    .leftJoin(r, eq(r.registrationNumber, l.registrationNumber))
    .where(eq(l.userId, userId));
  return rows[0] ?? null;
}

export async function rosterHas(db: Database, registrationNumber: string): Promise<boolean> {
  const rows = await db
    .select({ n: r.registrationNumber })
    .from(r)
    .where(eq(r.registrationNumber, registrationNumber))
    .limit(1);
  return rows.length > 0;
}

/**
 * After a roster import: members who confirmed their number before the roster had it are linked
 * now (their answers are sealed, so they are opened one by one; bounded by the members who
 * registered and have no link).
 */
export async function linkRegisteredMembers(db: Database, cipher: FieldCipher, now: Date): Promise<number> {
  const unlinked = await db
    .select({ userId: m.userId, registration: m.registration })
    .from(m)
    .leftJoin(l, eq(l.userId, m.userId))
    .where(and(isNull(l.userId), isNotNull(m.registration)));
  const at = now.toISOString();
  const statements: Statement[] = [];
  for (const row of unlinked) {
    const answers = await openAnswers(cipher, row.registration);
    const number = answers ? registrationNumberOf(answers) : undefined;
    if (number) statements.push(...memberLinkStatements(db, row.userId, number, at));
  }
  for (let i = 0; i < statements.length; i += 100) await runBatch(db, statements.slice(i, i + 100));
  return statements.length / 2;
}

async function openAnswers(cipher: FieldCipher, sealed: string | null): Promise<RegistrationAnswers | null> {
  if (!sealed) return null;
  try {
    const value = JSON.parse(await cipher.open(sealed)) as unknown;
    return value && typeof value === "object" ? (value as RegistrationAnswers) : null;
  } catch {
    return null;
  }
}
