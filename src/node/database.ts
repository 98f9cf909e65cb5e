// The embedded database of the Node entry: a libSQL file (one connection, cached statements,
// checkpoints off the main thread) or, for a libsql:// URL, Turso through @libsql/client.
// Migrations are applied on open.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import * as schema from "../../db/schema.js";
import type { Database } from "../store/database.js";
import { filePath, openLibsqlFile } from "./libsql-file-client.js";
import { startWalCheckpointer } from "./wal-checkpointer.js";

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), "../../db/migrations");

export async function openDatabase(
  url: string,
  authToken?: string,
): Promise<{ db: Database; close(): Promise<void> }> {
  const file = url.startsWith("file:") ? resolve(filePath(url)) : null;
  if (file) mkdirSync(dirname(file), { recursive: true });
  // A file is one connection with cached statements; Turso goes through @libsql/client.
  const client = file ? openLibsqlFile(url) : createClient({ url, authToken });
  if (file) {
    // WAL lets readers run during a write; busy_timeout waits for a lock instead of failing.
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA busy_timeout = 5000");
    // WAL + NORMAL: a crash of the process loses nothing; only an OS crash or power cut may lose the
    // last commits. The fsync per event this saves is most of the webhook's cost.
    await client.execute("PRAGMA synchronous = NORMAL");
    // Erased personal data must not linger in free pages of the file.
    await client.execute("PRAGMA secure_delete = ON");
  }
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  if (!file) return { db, close: async () => client.close() };
  // Checkpoints run on a worker thread, never inside a webhook's commit (see wal-checkpointer.ts). If
  // that thread cannot start or dies, SQLite's own checkpoints inside commits come back on.
  await client.execute("PRAGMA wal_autocheckpoint = 0");
  const checkpointInCommits = () =>
    client.execute("PRAGMA wal_autocheckpoint = 1000").then(
      () => undefined,
      () => undefined,
    );
  const checkpointer = await startWalCheckpointer({
    path: file,
    onUnexpectedExit: () => void checkpointInCommits(),
  }).catch(async () => {
    await checkpointInCommits();
    return undefined;
  });
  return {
    db,
    async close() {
      await checkpointer?.close();
      client.close();
    },
  };
}
