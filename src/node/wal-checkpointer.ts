// SQLite copies the write-ahead log back into the database file ("checkpoint") inside
// whichever commit crosses 1,000 log pages, and that commit waits for two fsyncs: on Node's single
// thread, every webhook queued behind it waits too. So the bot's own connection never checkpoints
// (`wal_autocheckpoint = 0`) and a worker thread with its own connection does it on a timer; in WAL
// mode a checkpoint runs beside readers and the writer without blocking them.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

export interface WalCheckpointer {
  /** Stops the timer and runs a last full checkpoint, so the log is folded in and truncated. */
  close(): Promise<void>;
}

export interface CheckpointerOptions {
  /** Path of the database file (no `file:` prefix). */
  path: string;
  intervalMs?: number;
  /** The worker stopped without close() (it crashed): the caller must checkpoint some other way. */
  onUnexpectedExit?: () => void;
}

// CommonJS run with `eval`: no TypeScript loader is needed in the worker, on tsx or compiled.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.libsql);
const db = new Database(workerData.path);
db.exec("PRAGMA busy_timeout = 5000");
const passive = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const checkpoint = () => { try { passive.get(); } catch { /* busy or locked: the next tick retries */ } };
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message !== "close") return;
  clearInterval(timer);
  try { db.prepare("PRAGMA wal_checkpoint(TRUNCATE)").get(); } catch { /* the next start folds it in */ }
  db.close();
  parentPort.postMessage("closed");
  parentPort.close();
});
parentPort.postMessage("ready");
`;

export async function startWalCheckpointer(options: CheckpointerOptions): Promise<WalCheckpointer> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      path: options.path,
      intervalMs: options.intervalMs ?? 250,
      // Resolved here: an eval'd worker would resolve from the current directory, wherever that is.
      libsql: createRequire(import.meta.url).resolve("libsql"),
    },
  });
  // A checkpointer that fails must not take the bot down: the caller is told and checkpoints itself.
  worker.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
  worker.unref();
  let closing: Promise<void> | undefined;
  const exited = new Promise<void>((resolve) =>
    worker.once("exit", () => {
      if (!closing) options.onUnexpectedExit?.();
      resolve();
    }),
  );
  return {
    // Idempotent: a bot closed twice must not wait for a worker that is already gone.
    close() {
      closing ??= (async () => {
        worker.once("message", () => void worker.terminate());
        worker.postMessage("close");
        await exited;
      })();
      return closing;
    },
  };
}
