// The Worker's database: the D1 binding by default, or Turso over HTTP when DATABASE_URL is a
// libsql:// / https:// URL. Both are drizzle "async" SQLite databases with batch(), which is all the
// shared stores rely on for atomic work (D1 rejects interactive transactions). Built per request:
// it is cheap and keeps no I/O object alive across requests, which Workers forbid.
import { createClient } from "@libsql/client/web";
import { drizzle as drizzleD1 } from "drizzle-orm/d1";
import { drizzle as drizzleLibsql } from "drizzle-orm/libsql/web";
import * as schema from "../../db/schema.js";
import type { Config } from "../config.js";
import type { Database } from "../store/database.js";
import type { WorkerEnv } from "./env.js";

export function openWorkerDatabase(env: WorkerEnv, config: Config): Database {
  if (config.databaseUrl.startsWith("d1:")) {
    if (!env.DB) throw new Error("No database: bind a D1 database as DB or set DATABASE_URL (Turso)");
    // The D1 driver's run/all/get results are D1Result, not libSQL's ResultSet; the query builders
    // and batch() that the stores use behave the same on both.
    return drizzleD1(env.DB, { schema }) as unknown as Database;
  }
  const client = createClient({ url: config.databaseUrl, authToken: config.databaseAuthToken });
  return drizzleLibsql(client, { schema });
}
