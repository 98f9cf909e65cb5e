// The Worker's database: the D1 binding by default, or Turso over HTTP when DATABASE_URL is a
// libsql:// / https:// URL. Both are drizzle "async" SQLite databases with batch(), which is all the
// shared stores rely on for atomic work (D1 rejects interactive transactions). The D1 wrapper is kept
// per binding object (the isolate's env, not an I/O object), so a request does not rebuild it; no
// relational schema is given: the stores use only the query builders, and extracting the relational
// config cost a measurable share of each event's CPU. A Turso client is made per request (its
// connections are I/O objects, which Workers forbid sharing across requests).
import { createClient } from "@libsql/client/web";
import { drizzle as drizzleD1 } from "drizzle-orm/d1";
import { drizzle as drizzleLibsql } from "drizzle-orm/libsql/web";
import type { Config } from "../config.js";
import type { Database } from "../store/database.js";
import type { WorkerEnv } from "./env.js";

const d1Databases = new WeakMap<object, Database>();

export function openWorkerDatabase(env: WorkerEnv, config: Config): Database {
  if (config.databaseUrl.startsWith("d1:")) {
    const binding = env.DB;
    if (!binding) throw new Error("No database: bind a D1 database as DB or set DATABASE_URL (Turso)");
    let db = d1Databases.get(binding);
    if (!db) {
      // The D1 driver's run/all/get results are D1Result, not libSQL's ResultSet; the query builders
      // and batch() that the stores use behave the same on both.
      db = drizzleD1(binding) as unknown as Database;
      d1Databases.set(binding, db);
    }
    return db;
  }
  const client = createClient({ url: config.databaseUrl, authToken: config.databaseAuthToken });
  return drizzleLibsql(client) as unknown as Database;
}
