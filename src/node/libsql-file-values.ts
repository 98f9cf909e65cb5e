// Values, rows, results and errors of the native libsql binding converted exactly as @libsql/client's
// file client converts them (intMode "number"), for libsql-file-client.ts.
import { Buffer } from "node:buffer";
import { type InArgs, type InValue, LibsqlError, type ResultSet, type Row, type Value } from "@libsql/client";
import type Database from "libsql";

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;
type Args = unknown[] | Record<string, unknown>;

/** @libsql/client's ResultSetImpl, toJSON included. */
export class FileResultSet implements ResultSet {
  constructor(
    readonly columns: string[],
    readonly columnTypes: string[],
    readonly rows: Row[],
    readonly rowsAffected: number,
    readonly lastInsertRowid: bigint | undefined,
  ) {}

  toJSON() {
    return {
      columns: this.columns,
      columnTypes: this.columnTypes,
      rows: this.rows.map((row) => Array.prototype.map.call(row, valueToJson)),
      rowsAffected: this.rowsAffected,
      lastInsertRowid: this.lastInsertRowid === undefined ? null : `${this.lastInsertRowid}`,
    };
  }
}

function valueToJson(value: unknown): unknown {
  if (typeof value === "bigint") return `${value}`;
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString("base64");
  return value;
}

/** As @libsql/client's rowFromSql: indexes and length hidden, column names (first wins) enumerable. */
export function rowFromSql(values: unknown[], columns: string[]): Row {
  const row = {} as Row;
  Object.defineProperty(row, "length", { value: values.length });
  for (let i = 0; i < values.length; i++) {
    const value = valueFromSql(values[i]);
    Object.defineProperty(row, i, { value });
    const column = columns[i] ?? "";
    if (!Object.hasOwn(row, column)) {
      Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true });
    }
  }
  return row;
}

function valueFromSql(value: unknown): Value {
  if (typeof value === "bigint") {
    if (value < MIN_SAFE || value > MAX_SAFE) {
      throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
    }
    return Number(value);
  }
  if (value instanceof Buffer) {
    // The blob's own bytes: a Buffer may be a view on a larger shared ArrayBuffer.
    const whole = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength;
    return (
      whole ? value.buffer : value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength)
    ) as ArrayBuffer;
  }
  return value as Value;
}

export function argsToSql(args: InArgs): Args {
  if (Array.isArray(args)) return args.map(valueToSql);
  const named: Record<string, unknown> = {};
  for (const name in args) {
    // The native binding wants names without their `:`/`@`/`$` prefix (it binds null otherwise).
    const key = name[0] === ":" || name[0] === "@" || name[0] === "$" ? name.slice(1) : name;
    named[key] = valueToSql(args[name] as InValue);
  }
  return named;
}

/** As @libsql/client's valueToSql; booleans must not reach the native binding (it aborts). */
function valueToSql(value: InValue): unknown {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new RangeError("Only finite numbers (not Infinity or NaN) can be passed as arguments");
    }
    return value;
  }
  if (typeof value === "bigint") {
    if (value < MIN_INT64 || value > MAX_INT64) {
      throw new RangeError(
        "bigint is too large to be represented as a 64-bit integer and passed as argument",
      );
    }
    return value;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  return value;
}

/** As @libsql/client: base code in `code` (and the message), the native code as `extendedCode`. */
export function libsqlError(error: InstanceType<typeof Database.SqliteError>): LibsqlError {
  const base = error.rawCode === undefined ? undefined : error.rawCode & 0xff;
  const code = base === undefined ? "SQLITE_UNKNOWN" : (SQLITE_CODES[base] ?? `SQLITE_UNKNOWN_${base}`);
  return new LibsqlError(error.message, code, error.code, error.rawCode, error);
}

const SQLITE_CODES: Record<number, string> = Object.fromEntries(
  ["ERROR", "INTERNAL", "PERM", "ABORT", "BUSY", "LOCKED", "NOMEM", "READONLY", "INTERRUPT", "IOERR"]
    .concat(["CORRUPT", "NOTFOUND", "FULL", "CANTOPEN", "PROTOCOL", "EMPTY", "SCHEMA", "TOOBIG"])
    .concat(["CONSTRAINT", "MISMATCH", "MISUSE", "NOLFS", "AUTH", "FORMAT", "RANGE", "NOTADB"])
    .concat(["NOTICE", "WARNING"])
    .map((name, i) => [i + 1, `SQLITE_${name}`]),
);
