// Replaces the association's roster with a checked import in ONE batch (D1 has no interactive
// transactions): the old rows go and the new ones arrive together, or nothing changes. Owner names
// are personal and sealed with the field cipher.
import { eq, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import type { FieldCipher } from "./cipher.js";
import { type Database, runBatch, type Statement } from "./database.js";

export interface RosterEntryInput {
  registrationNumber: string;
  clinicName: string;
  ownerName: string | null;
}

/** D1 allows 100 bound parameters per statement: 4 columns × 20 rows stays well under it. */
const ROWS_PER_INSERT = 20;

export async function replaceRoster(
  db: Database,
  cipher: FieldCipher,
  entries: RosterEntryInput[],
  now: Date,
  extra: Statement[] = [],
): Promise<void> {
  const importedAt = now.toISOString();
  const values = await Promise.all(
    entries.map(async (e) => ({
      registrationNumber: e.registrationNumber,
      clinicName: e.clinicName,
      ownerName: e.ownerName === null ? null : await cipher.seal(e.ownerName),
      importedAt,
    })),
  );
  const statements: Statement[] = [db.delete(schema.roster)];
  for (let i = 0; i < values.length; i += ROWS_PER_INSERT) {
    statements.push(db.insert(schema.roster).values(values.slice(i, i + ROWS_PER_INSERT)));
  }
  await runBatch(db, [...statements, ...extra]);
}

export async function rosterSummary(db: Database): Promise<{ count: number; importedAt: string | null }> {
  const rows = await db
    .select({ n: sql<number>`count(*)`, at: sql<string | null>`max(${schema.roster.importedAt})` })
    .from(schema.roster);
  return { count: Number(rows[0]?.n ?? 0), importedAt: rows[0]?.at ?? null };
}

export interface RosterChange {
  /** Rows in the roster now. */
  current: number;
  /** Rows in the file. */
  incoming: number;
  /** Rows now in the roster that the file does not have (they disappear from the roster). */
  removed: number;
  /** Of those, rows linked to a member. */
  removedLinked: number;
}

/** What replacing the roster with these registration numbers changes (shown before confirming). */
export async function rosterChange(db: Database, incoming: string[]): Promise<RosterChange> {
  const keep = new Set(incoming);
  const rows = await db
    .select({ number: schema.roster.registrationNumber, linked: schema.rosterLinks.userId })
    .from(schema.roster)
    .leftJoin(
      schema.rosterLinks,
      eq(schema.rosterLinks.registrationNumber, schema.roster.registrationNumber),
    );
  const removed = rows.filter((r) => !keep.has(r.number));
  return {
    current: rows.length,
    incoming: keep.size,
    removed: removed.length,
    removedLinked: removed.filter((r) => r.linked !== null).length,
  };
}
