// The embedded file client on real libSQL files: the same statements through it and through
// @libsql/client must give the same results and errors, and drizzle on it must behave as before.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { type Client, createClient, type InStatement, type ResultSet } from "@libsql/client";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { afterEach, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { type LibsqlFileClient, openLibsqlFile } from "../../src/node/libsql-file-client.js";
import { MIGRATIONS_FOLDER, openDatabase } from "../../src/node.js";
import { isUniqueViolation } from "../../src/store/conversation-store.js";

const SETUP = [
  "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, n INTEGER, b BLOB)",
  "INSERT INTO t VALUES (1, 'one', 10, x'0102ff'), (2, 'two', NULL, NULL)",
];
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function tempUrl(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), "helpdesk-libsql-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return `file:${join(dir, name)}`;
}

function ours(url = tempUrl("ours.db"), statementCacheSize?: number): LibsqlFileClient {
  const client = openLibsqlFile(url, { statementCacheSize });
  cleanups.push(() => client.close());
  return client;
}

/** Both clients on their own files, the same setup applied to each. */
async function pair(): Promise<{ mine: LibsqlFileClient; theirs: Client }> {
  const mine = ours();
  const theirs = createClient({ url: tempUrl("theirs.db") });
  cleanups.push(() => theirs.close());
  for (const stmt of SETUP) {
    await mine.execute(stmt);
    await theirs.execute(stmt);
  }
  return { mine, theirs };
}

/** Everything a caller can observe of a result (row property descriptors included) or an error. */
async function outcome(run: () => Promise<ResultSet | ResultSet[]>): Promise<unknown> {
  try {
    const result = await run();
    return Array.isArray(result) ? result.map(observe) : observe(result);
  } catch (error) {
    const e = error as Error & Record<string, unknown>;
    const cause = e.cause as Record<string, unknown> | undefined;
    return { error: e.constructor.name, ...e, message: e.message, cause: cause && { ...cause } };
  }
}

function observe(rs: ResultSet) {
  const plain = (v: unknown) => (v instanceof ArrayBuffer ? { blob: [...new Uint8Array(v)] } : v);
  const rows = rs.rows.map((row) =>
    Object.entries(Object.getOwnPropertyDescriptors(row)).map(([k, d]) => [
      k,
      { ...d, value: plain(d.value) },
    ]),
  );
  const { columns, columnTypes, rowsAffected, lastInsertRowid } = rs;
  return { columns, columnTypes, rows, rowsAffected, lastInsertRowid, json: rs.toJSON() };
}

const SAME: Array<[string, InStatement]> = [
  ["every kind of value", "SELECT id, name, n, b, 1.5 AS r, 9007199254740991 AS big, NULL AS z FROM t"],
  ["repeated column names", "SELECT 1 AS a, 2 AS a, id FROM t WHERE id = 1"],
  ["an integer past 2^53", "SELECT 9007199254740993 AS big"],
  ["no rows", { sql: "SELECT * FROM t WHERE id = ?", args: [99] }],
  [
    "booleans, Date, bigint",
    { sql: "SELECT ? AS a, ? AS b, ? AS c, ? AS d", args: [true, false, new Date(5), 7n] },
  ],
  [
    "blobs in",
    { sql: "SELECT ? AS u8, ? AS ab", args: [new Uint8Array([1, 2]), new Uint8Array([3]).buffer] },
  ],
  ["named args", { sql: "SELECT :a AS a, @b AS b, $c AS c", args: { a: 1, "@b": "x", $c: null } }],
  ["an insert", { sql: "INSERT INTO t (name, n) VALUES (?, ?)", args: ["three", 2n ** 60n] }],
  ["an update of two rows", "UPDATE t SET n = 0"],
  ["insert … returning", { sql: "INSERT INTO t (name) VALUES (?) RETURNING id, name", args: ["four"] }],
  ["a unique violation", { sql: "INSERT INTO t (name) VALUES (?)", args: ["one"] }],
  ["a primary-key violation", "INSERT INTO t (id) VALUES (1)"],
  ["a syntax error", "SELEC 1"],
  ["undefined", { sql: "SELECT ?", args: [undefined as never] }],
  ["NaN", { sql: "SELECT ?", args: [Number.NaN] }],
  ["a bigint past 64 bits", { sql: "SELECT ?", args: [2n ** 63n] }],
];

describe("LibsqlFileClient", () => {
  it.each(SAME)("gives what @libsql/client gives for %s", async (_, stmt) => {
    const { mine, theirs } = await pair();
    expect(await outcome(() => mine.execute(stmt))).toEqual(await outcome(() => theirs.execute(stmt)));
  });

  it("gives the same batch results and batch errors, and rolls a failed batch back", async () => {
    const { mine, theirs } = await pair();
    const failing: InStatement[] = [
      { sql: "INSERT INTO t (name) VALUES (?)", args: ["a"] },
      "UPDATE t SET n = 5 WHERE id = 2",
      { sql: "INSERT INTO t (name) VALUES (?)", args: ["one"] },
    ];
    const error = await outcome(() => mine.batch(failing, "write"));
    expect(error).toEqual(await outcome(() => theirs.batch(failing, "write")));
    expect(error).toMatchObject({ error: "LibsqlBatchError", statementIndex: 2, code: "SQLITE_CONSTRAINT" });
    const after = "SELECT name, n FROM t ORDER BY id";
    expect(await outcome(() => mine.execute(after))).toEqual(await outcome(() => theirs.execute(after)));
    expect((await mine.execute(after)).rows.map((r) => [r.name, r.n])).toEqual([
      ["one", 10],
      ["two", null],
    ]);
    const ok = failing.slice(0, 2);
    expect(await outcome(() => mine.batch(ok))).toEqual(await outcome(() => theirs.batch(ok)));
  });

  it("ends a batch whose statement ended the transaction, as @libsql/client does", async () => {
    const { mine, theirs } = await pair();
    const stmts = ["UPDATE t SET n = 1", "COMMIT", "UPDATE t SET n = 2"];
    expect(await outcome(() => mine.batch(stmts))).toEqual(await outcome(() => theirs.batch(stmts)));
  });

  it("reuses a statement that failed: a unique violation, then the same SQL succeeds", async () => {
    const client = ours();
    await client.execute(SETUP[0] as string);
    const insert = "INSERT INTO t (id, name) VALUES (?, ?) RETURNING id";
    const update = "UPDATE t SET name = ? WHERE id = ?";
    await client.execute({ sql: insert, args: [1, "a"] });
    await client.execute({ sql: insert, args: [2, "b"] });
    await expect(client.execute({ sql: insert, args: [3, "a"] })).rejects.toSatisfy(isUniqueViolation);
    await expect(client.execute({ sql: update, args: ["a", 2] })).rejects.toSatisfy(isUniqueViolation);
    await expect(client.batch([{ sql: update, args: ["a", 2] }])).rejects.toSatisfy(isUniqueViolation);
    expect((await client.execute({ sql: insert, args: [3, "c"] })).rows[0]?.id).toBe(3);
    expect((await client.execute({ sql: update, args: ["d", 2] })).rowsAffected).toBe(1);
    expect((await client.batch([{ sql: update, args: ["e", 2] }]))[0]?.rowsAffected).toBe(1);
  });

  it("reuses a query that failed on its second row", async () => {
    const client = ours();
    await client.execute(SETUP[0] as string);
    await client.execute({ sql: "INSERT INTO t (id, n) VALUES (1, 5), (2, ?)", args: [-(2n ** 63n)] });
    const query = { sql: "SELECT id, abs(n) AS a FROM t WHERE id <= ? ORDER BY id", args: [2] };
    await expect(client.execute(query)).rejects.toMatchObject({ message: "SQLITE_ERROR: integer overflow" });
    expect((await client.execute({ ...query, args: [1] })).rows.map((r) => r.a)).toEqual([5]);
  });

  it.each([
    ["file:///DIR/a%20b.db", "a b.db"],
    ["file://localhost/DIR/c.db", "c.db"],
    ["file:/DIR/d.db", "d.db"],
  ])("opens %s", async (url, name) => {
    const dir = tempUrl("x").slice("file:".length, -"/x".length);
    const client = ours(url.replace("DIR", dir.slice(1)));
    expect((await client.execute("PRAGMA database_list")).rows[0]?.file).toBe(join(dir, name));
  });

  it("refuses file URLs with a host or a query", () => {
    expect(() => openLibsqlFile("file://host/x.db")).toThrow(/Unsupported file URL/);
    expect(() => openLibsqlFile("file:x.db?mode=ro")).toThrow(/Unsupported file URL/);
  });

  it("keeps at most the configured number of prepared statements and still answers every query", async () => {
    const client = ours(undefined, 4);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 20; i++) {
        const { rows } = await client.execute({ sql: `SELECT ? + ${i} AS v`, args: [round] });
        expect(rows[0]?.v).toBe(round + i);
        expect(client.cachedStatements).toBeLessThanOrEqual(4);
      }
    }
    expect(client.cachedStatements).toBe(4);
  });

  it("reads the new columns after a schema change", async () => {
    const client = ours();
    await client.execute("CREATE TABLE s (a INTEGER)");
    await client.execute("INSERT INTO s VALUES (1)");
    expect((await client.execute("SELECT * FROM s")).columns).toEqual(["a"]);
    await client.execute("ALTER TABLE s ADD COLUMN b TEXT DEFAULT 'x'");
    const { columns, rows } = await client.execute("SELECT * FROM s");
    expect({ columns, b: rows[0]?.b }).toEqual({ columns: ["a", "b"], b: "x" });
  });

  it("never leaves a transaction open after a call", async () => {
    const client = ours();
    await client.execute("CREATE TABLE s (a INTEGER)");
    await client.execute("BEGIN");
    await client.execute("INSERT INTO s VALUES (1)");
    // A batch's BEGIN would fail inside an open transaction.
    await client.batch(["INSERT INTO s VALUES (2)"]);
    expect((await client.execute("SELECT count(*) AS n FROM s")).rows[0]?.n).toBe(2);
  });

  it("refuses interactive transactions and closes for good", async () => {
    const client = ours();
    await expect(client.transaction()).rejects.toThrow(/not supported by the embedded client/);
    await expect(client.executeMultiple()).rejects.toThrow(/not supported by the embedded client/);
    client.close();
    expect(client.closed).toBe(true);
    await expect(client.execute("SELECT 1")).rejects.toMatchObject({ code: "CLIENT_CLOSED" });
  });
});

describe("openDatabase on a file", () => {
  async function opened() {
    const url = tempUrl("helpdesk.db");
    const database = await openDatabase(url);
    cleanups.push(() => database.close());
    return { url, ...database };
  }

  it("opens a file:// URL in a folder it creates, and folds its log into that file on close", async () => {
    const dir = mkdtempSync(join(tmpdir(), "helpdesk-url-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, "new", "folder", "helpdesk.db");
    const database = await openDatabase(`file://localhost${path}`);
    await database.db.insert(schema.members).values({ userId: "Uurl", createdAt: "2026-11-25T00:00:00Z" });
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    await database.close();
    // The checkpointer worked on the same file: its closing checkpoint emptied the log.
    expect(statSync(`${path}-wal`).size).toBe(0);
  });

  it("migrates db/migrations with drizzle's migrate() to the schema @libsql/client produces", async () => {
    const { db } = await opened();
    const theirs = createClient({ url: tempUrl("theirs.db") });
    cleanups.push(() => theirs.close());
    await migrate(drizzle(theirs, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    const master = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name";
    const applied = "SELECT hash, created_at FROM __drizzle_migrations";
    expect(await db.all(sql.raw(master))).toEqual((await theirs.execute(master)).rows.map((r) => ({ ...r })));
    expect(await db.all(sql.raw(applied))).toEqual(
      (await theirs.execute(applied)).rows.map((r) => ({ ...r })),
    );
    await migrate(db as Parameters<typeof migrate>[0], { migrationsFolder: MIGRATIONS_FOLDER });
    // Running them again applies nothing: one row per migration in the journal.
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"));
    expect(await db.all(sql.raw(applied))).toHaveLength(journal.entries.length);
  });

  it("gives drizzle its rows: builders, db.all, db.get, db.run", async () => {
    const { db } = await opened();
    const at = "2026-11-25T00:00:00.000Z";
    await db.insert(schema.conversations).values({ userId: "U1", state: "{}", version: 3, updatedAt: at });
    expect(await db.select().from(schema.conversations)).toEqual([
      { userId: "U1", state: "{}", version: 3, updatedAt: at },
    ]);
    expect(await db.all(sql`select user_id, version, 1 = 1 as yes from conversations`)).toEqual([
      { user_id: "U1", version: 3, yes: 1 },
    ]);
    expect(await db.get(sql`select count(*) as n from conversations`)).toEqual({ n: 1 });
    const update = db
      .update(schema.conversations)
      .set({ version: 4 })
      .where(eq(schema.conversations.userId, "U1"));
    expect((await update).rowsAffected).toBe(1);
    expect((await db.run(sql`update conversations set version = version + 1`)).rowsAffected).toBe(1);
    const [row] = await db.select({ v: schema.conversations.version }).from(schema.conversations);
    expect(row).toEqual({ v: 5 });
  });

  it("rolls a failing batch back and reports the duplicate to isUniqueViolation", async () => {
    const { db } = await opened();
    const event = (id: string, version: number) =>
      db
        .insert(schema.processedEvents)
        .values({ webhookEventId: id, userId: "U1", userVersion: version, processedAt: "t" });
    await db.batch([event("E1", 1)]);
    const failure = await db.batch([event("E2", 2), event("E3", 3), event("E1", 4)]).catch((e: unknown) => e);
    expect(isUniqueViolation(failure)).toBe(true);
    expect(await db.all(sql`select webhook_event_id from processed_events`)).toEqual([
      { webhook_event_id: "E1" },
    ]);
    await db.batch([event("E2", 2), event("E3", 3)]);
    expect(await db.get(sql`select count(*) as n from processed_events`)).toEqual({ n: 3 });
  });

  it("keeps its PRAGMAs under concurrent queries (one connection) and close() closes it", async () => {
    const { url, db, close } = await opened();
    const pragma = (name: string) => db.get<Record<string, unknown>>(sql.raw(`PRAGMA ${name}`));
    const many = await Promise.all(Array.from({ length: 16 }, () => pragma("synchronous")));
    expect(new Set(many.map((r) => r.synchronous))).toEqual(new Set([1]));
    expect(await pragma("busy_timeout")).toEqual({ timeout: 5000 });
    expect(await pragma("journal_mode")).toEqual({ journal_mode: "wal" });
    expect(await pragma("secure_delete")).toEqual({ secure_delete: 1 });
    const wal = `${url.slice("file:".length)}-wal`;
    expect(existsSync(wal)).toBe(true);
    await close();
    await expect(db.get(sql`select 1`)).rejects.toMatchObject({ cause: { code: "CLIENT_CLOSED" } });
    // SQLite removes the write-ahead log when the connection really closes, which libsql defers
    // until no prepared statement is left: the client must not hold any after close().
    for (let i = 0; i < 50 && existsSync(wal); i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(existsSync(wal)).toBe(false);
  });
});
