// Applies db/migrations to the libSQL database in DATABASE_URL (a file, or Turso with
// DATABASE_AUTH_TOKEN). `npm start` does this by itself; use it before pointing the Worker at Turso.
// D1 is migrated by wrangler instead: `npx wrangler d1 migrations apply DB --remote`.
import { existsSync } from "node:fs";
import { openDatabase } from "../src/node.js";

if (existsSync(".dev.vars")) process.loadEnvFile(".dev.vars");
const url = process.env.DATABASE_URL ?? "file:data/helpdesk.db";
const database = await openDatabase(url, process.env.DATABASE_AUTH_TOKEN);
await database.close();
console.log(`migrations applied to ${url.replace(/\/\/[^@/]*@/, "//")}`);
