// The embedded libSQL database (`file:` URLs) behind a small @libsql/client-compatible client that
// keeps prepared statements. @libsql/client's file client prepares every statement on every call
// (BEGIN and COMMIT too), reads the column list twice per query (each as dear as a prepare) and
// learns that a statement writes from an exception. Results and errors are @libsql/client's with
// intMode "number", so drizzle-orm/libsql and isUniqueViolation() cannot tell the difference.
//
// One connection, and every call runs to its end synchronously before its promise settles. Node runs
// one call at a time, so a batch's BEGIN…COMMIT never interleaves with another call, no transaction
// outlives a call, and the PRAGMAs set once hold for every statement.
// `libsql` is a direct dependency pinned to the 0.5.29 @libsql/client 0.18.0 runs on: this file uses
// its native API (prepare, reader, raw, safeIntegers) directly.
import {
  type Client,
  type InArgs,
  type InStatement,
  LibsqlBatchError,
  LibsqlError,
  type ResultSet,
  type TransactionMode,
} from "@libsql/client";
import Database from "libsql";
import { argsToSql, FileResultSet, libsqlError, rowFromSql } from "./libsql-file-values.js";

export const DEFAULT_STATEMENT_CACHE_SIZE = 256;
const BEGIN: Record<TransactionMode, string> = {
  write: "BEGIN IMMEDIATE",
  read: "BEGIN TRANSACTION READONLY",
  deferred: "BEGIN DEFERRED",
};
/** Statements after which cached column lists may be stale. */
const SCHEMA_CHANGE = /^\s*(?:create|alter|drop)\b/i;

interface Prepared {
  stmt: Database.Statement;
  reader: boolean;
  columns: string[];
  columnTypes: string[];
}

export interface LibsqlFileClientOptions {
  /** How many prepared statements to keep (least recently used dropped first). */
  statementCacheSize?: number;
}

/** Opens `file:path` (relative or absolute, `file:///abs` too) on one native connection. */
export function openLibsqlFile(url: string, options: LibsqlFileClientOptions = {}): LibsqlFileClient {
  return new LibsqlFileClient(new Database(filePath(url)), options.statementCacheSize);
}

/** The path of a `file:` URL as SQLite opens it. */
export function filePath(url: string): string {
  // `file:rel`, `file:/abs`, `file:///abs`, `file://localhost/abs`; no other host, no query.
  const match = /^file:(?:\/\/(?:localhost)?(?=\/)|(?!\/\/))([^?#]+)$/i.exec(url);
  if (!match?.[1]) throw new LibsqlError(`Unsupported file URL: ${JSON.stringify(url)}`, "URL_INVALID");
  return decodeURIComponent(match[1]);
}

export class LibsqlFileClient implements Client {
  closed = false;
  readonly protocol = "file";
  readonly #db: Database.Database;
  readonly #cacheSize: number;
  /** Map order is recency order: a hit moves the entry to the end, eviction takes the first. */
  readonly #statements = new Map<string, Prepared>();

  constructor(db: Database.Database, cacheSize = DEFAULT_STATEMENT_CACHE_SIZE) {
    this.#db = db;
    this.#cacheSize = Math.max(1, cacheSize);
  }

  /** Prepared statements held now (for tests and diagnostics). */
  get cachedStatements(): number {
    return this.#statements.size;
  }

  async execute(stmtOrSql: InStatement, args?: InArgs): Promise<ResultSet> {
    this.#checkOpen();
    const stmt = typeof stmtOrSql === "string" ? { sql: stmtOrSql, args } : stmtOrSql;
    try {
      return this.#run(stmt);
    } finally {
      // Like @libsql/client returning a connection to its pool: a lone BEGIN is not kept open.
      this.#rollbackIfOpen();
    }
  }

  async batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = "deferred") {
    this.#checkOpen();
    if (!Object.hasOwn(BEGIN, mode)) {
      throw new RangeError('Unknown transaction mode, supported values are "write", "read" and "deferred"');
    }
    return this.#transaction(stmts, BEGIN[mode]);
  }

  /** drizzle's migrator: one transaction with foreign keys off, as @libsql/client does it. */
  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    this.#checkOpen();
    this.#run("PRAGMA foreign_keys=off");
    try {
      return this.#transaction(stmts, BEGIN.deferred);
    } finally {
      this.#run("PRAGMA foreign_keys=on");
    }
  }

  async transaction(): Promise<never> {
    throw unsupported("transaction");
  }

  async executeMultiple(): Promise<never> {
    throw unsupported("executeMultiple");
  }

  async sync(): Promise<never> {
    throw unsupported("sync");
  }

  reconnect(): never {
    throw unsupported("reconnect");
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#statements.clear();
    this.#db.close();
  }

  #transaction(stmts: Array<InStatement | [string, InArgs?]>, begin: string): ResultSet[] {
    this.#run(begin);
    try {
      const results = stmts.map((stmt, i) => {
        try {
          // A statement of the batch that ended the transaction must not let the rest run outside it.
          if (!this.#db.inTransaction) {
            throw new LibsqlBatchError("The transaction has been rolled back", i, "TRANSACTION_CLOSED");
          }
          return this.#run(Array.isArray(stmt) ? { sql: stmt[0], args: stmt[1] } : stmt);
        } catch (error) {
          if (!(error instanceof LibsqlError) || error instanceof LibsqlBatchError) throw error;
          // The message keeps its code prefix twice, exactly as @libsql/client words it.
          const cause = error.cause instanceof Error ? error.cause : undefined;
          throw new LibsqlBatchError(error.message, i, error.code, error.extendedCode, error.rawCode, cause);
        }
      });
      this.#run("COMMIT");
      return results;
    } finally {
      this.#rollbackIfOpen();
    }
  }

  /** After a failed statement or COMMIT; a failing ROLLBACK must not hide the error that matters. */
  #rollbackIfOpen(): void {
    try {
      if (this.#db.inTransaction) this.#run("ROLLBACK");
    } catch {
      // SQLite has rolled back already when ROLLBACK itself fails (I/O error, full disk).
    }
  }

  #run(stmt: InStatement): ResultSet {
    const sql = typeof stmt === "string" ? stmt : stmt.sql;
    const args = typeof stmt === "string" || stmt.args === undefined ? [] : argsToSql(stmt.args);
    try {
      const prepared = this.#prepared(sql);
      if (!prepared.reader) {
        const info = prepared.stmt.run(args);
        return new FileResultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
      }
      const raw = prepared.stmt.all(args) as unknown[][];
      const rows = raw.map((values) => rowFromSql(values, prepared.columns));
      // Like @libsql/client: a statement returning rows reports no changes and no rowid.
      return new FileResultSet(prepared.columns, prepared.columnTypes, rows, 0, undefined);
    } catch (error) {
      throw error instanceof Database.SqliteError ? libsqlError(error) : error;
    }
  }

  #prepared(sql: string): Prepared {
    const cached = this.#statements.get(sql);
    if (cached) {
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const stmt = this.#db.prepare(sql);
    const reader = stmt.reader;
    if (!reader && SCHEMA_CHANGE.test(sql)) {
      // Column lists of cached statements may change with the schema; DDL itself is rare.
      this.#statements.clear();
      return { stmt, reader, columns: [], columnTypes: [] };
    }
    const columns = reader ? stmt.raw(true).safeIntegers(true).columns() : [];
    // Every result of this statement shares these arrays: frozen, so no caller can alter the cache.
    const prepared = {
      stmt,
      reader,
      columns: Object.freeze(columns.map((c) => c.name)) as string[],
      columnTypes: Object.freeze(columns.map((c) => c.type ?? "")) as string[],
    };
    if (this.#statements.size >= this.#cacheSize) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    this.#statements.set(sql, prepared);
    return prepared;
  }

  #checkOpen(): void {
    if (this.closed) throw new LibsqlError("The client is closed", "CLIENT_CLOSED");
  }
}

function unsupported(method: string): LibsqlError {
  return new LibsqlError(
    `${method}() is not supported by the embedded client (use batch(): D1 has no interactive transactions)`,
    "NOT_SUPPORTED",
  );
}
