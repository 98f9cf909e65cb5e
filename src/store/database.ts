// The database type every store function takes: drizzle over libSQL (file, Turso) or D1. Both
// drivers offer batch(), our only way to be atomic (D1 has no interactive transactions).
import type { BatchItem } from "drizzle-orm/batch";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import type * as schema from "../../db/schema.js";

export type Schema = typeof schema;
export type Database = Pick<
  LibSQLDatabase<Schema>,
  "select" | "insert" | "update" | "delete" | "batch" | "run" | "all" | "get"
>;
export type Statement = BatchItem<"sqlite">;

/** Runs statements atomically (all or none). */
export async function runBatch(db: Database, statements: Statement[]): Promise<void> {
  if (statements.length === 0) return;
  await db.batch(statements as [Statement, ...Statement[]]);
}
