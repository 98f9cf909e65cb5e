import { mkdtempSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startWalCheckpointer } from "../../src/node/wal-checkpointer.js";

type Db = {
  exec(sql: string): void;
  prepare(sql: string): { run(...a: unknown[]): unknown; get(...a: unknown[]): Record<string, number> };
  close(): void;
};
const Database = createRequire(import.meta.url)("libsql") as new (path: string) => Db;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A WAL database whose own connection never checkpoints, with `rows` rows written. */
function walDatabase(rows: number): { db: Db; path: string } {
  const dir = mkdtempSync(join(tmpdir(), "helpdesk-wal-"));
  dirs.push(dir);
  const path = join(dir, "wal.db");
  const db = new Database(path);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)");
  const insert = db.prepare("INSERT INTO t (body) VALUES (?)");
  for (let i = 0; i < rows; i++) insert.run("x".repeat(500));
  return { db, path };
}

/** Size of the write-ahead log file. */
const walBytes = (path: string) => statSync(`${path}-wal`).size;

describe("WAL checkpointer", () => {
  it("folds the log into the database file from its own thread while the writer goes on", async () => {
    const { db, path } = walDatabase(2_000);
    expect(walBytes(path)).toBeGreaterThan(500_000);
    const checkpointer = await startWalCheckpointer({ path, intervalMs: 20 });
    // The writer keeps committing while the worker checkpoints: no SQLITE_BUSY for either.
    const insert = db.prepare("INSERT INTO t (body) VALUES (?)");
    for (let i = 0; i < 200; i++) insert.run("y");
    await new Promise((resolve) => setTimeout(resolve, 200));
    await checkpointer.close();
    // The closing TRUNCATE checkpoint empties the log; the rows are in the database file.
    expect(walBytes(path)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM t").get().n).toBe(2_200);
    db.close();
    const reopened = new Database(path);
    expect(reopened.prepare("SELECT count(*) AS n FROM t").get().n).toBe(2_200);
    reopened.close();
  });

  it("checkpoints on its timer, not only when closed", async () => {
    const { db, path } = walDatabase(1_000);
    const checkpointer = await startWalCheckpointer({ path, intervalMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Every frame is already backfilled: a further checkpoint has nothing left to copy.
    const { log, checkpointed } = db.prepare("PRAGMA wal_checkpoint(PASSIVE)").get();
    expect(log).toBeGreaterThan(0);
    expect(checkpointed).toBe(log);
    await checkpointer.close();
    db.close();
  });

  it("refuses to start on a database it cannot open, so the caller keeps SQLite's own checkpoints", async () => {
    const onUnexpectedExit = vi.fn();
    await expect(
      startWalCheckpointer({ path: join(tmpdir(), "no-such-dir", "x", "wal.db"), onUnexpectedExit }),
    ).rejects.toThrow();
  });

  it("does not report its own close as an unexpected exit, and closes once however often asked", async () => {
    const { db, path } = walDatabase(10);
    const onUnexpectedExit = vi.fn();
    const checkpointer = await startWalCheckpointer({ path, intervalMs: 20, onUnexpectedExit });
    await Promise.all([checkpointer.close(), checkpointer.close()]);
    await checkpointer.close();
    expect(onUnexpectedExit).not.toHaveBeenCalled();
    db.close();
  });
});
