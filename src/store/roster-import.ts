// Replaces the association's roster with a checked import in ONE batch (D1 has no interactive
// transactions): the old rows go and the new ones arrive together, or nothing changes. Owner names
// are personal and sealed with the field cipher.
import { sql } from "drizzle-orm";
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
