// Creates a staff account from the command line (the first admin cannot be created from the web):
//   npm run staff:create -- --login admin --name 管理者 --role admin [--reset]
//   npm run staff:create -- --login admin --name 管理者 --role admin --d1 --remote   (or --local)
// The password comes from STAFF_PASSWORD or is asked for (not echoed). Without --d1 it uses
// DATABASE_URL (embedded file or Turso) and applies the migrations first. With --d1 it writes the
// statement to a temporary .sql file and runs `wrangler d1 execute --file` itself, so no shell ever
// sees the hash (its `$` signs were expanded when pasted into --command "…"). --reset sets a new
// password for an existing login id, ends all its sessions and lifts any sign-in wait.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { hashPassword } from "../src/admin/auth/password.js";
import { throttleKeys } from "../src/admin/auth/sign-in.js";
import { MIN_PASSWORD } from "../src/admin/staff/routes.js";
import type { Database } from "../src/store/database.js";
import { createStaff, findStaffByLogin, type StaffRole, setStaffPassword } from "../src/store/staff.js";
import { recordAudit } from "../src/store/staff-audit.js";
import { clearThrottle } from "../src/store/staff-throttle.js";

export interface StaffArgs {
  login: string;
  name: string;
  role: StaffRole;
  reset: boolean;
  /** Print the SQL for D1 instead of writing (to keep in a file: `… --sql > staff.sql`). */
  sql?: boolean;
  /** Write to a D1 database through wrangler: where (local = `wrangler dev`'s, remote = deployed). */
  d1?: { where: "local" | "remote"; database: string; config?: string; persistTo?: string };
}

export function parseStaffArgs(argv: string[]): StaffArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      login: { type: "string" },
      name: { type: "string" },
      role: { type: "string", default: "staff" },
      reset: { type: "boolean", default: false },
      sql: { type: "boolean", default: false },
      d1: { type: "boolean", default: false },
      local: { type: "boolean", default: false },
      remote: { type: "boolean", default: false },
      database: { type: "string", default: "DB" },
      config: { type: "string" },
      "persist-to": { type: "string" },
    },
  });
  const login = values.login?.trim() ?? "";
  if (!/^[A-Za-z0-9._-]{3,40}$/.test(login)) throw new Error("--login: 3–40 characters of A-Z a-z 0-9 . _ -");
  if (values.role !== "admin" && values.role !== "staff") throw new Error("--role must be admin or staff");
  const name = values.name?.trim() || login;
  const args: StaffArgs = {
    login,
    name,
    role: values.role,
    reset: values.reset ?? false,
    sql: values.sql ?? false,
  };
  if (values.local && values.remote) throw new Error("--local or --remote, not both");
  if ((values.local || values.remote) && !values.d1) throw new Error("--local and --remote go with --d1");
  if (values.d1) {
    if (args.sql) throw new Error("--d1 or --sql, not both");
    if (!values.local && !values.remote)
      throw new Error("--d1 needs --remote (the deployed database) or --local (the one of `wrangler dev`)");
    if (values["persist-to"] && !values.local) throw new Error("--persist-to goes with --local");
    args.d1 = {
      where: values.local ? "local" : "remote",
      database: values.database ?? "DB",
      config: values.config,
      persistTo: values["persist-to"],
    };
  }
  return args;
}

/** Returns what happened, for the message printed. */
export async function createOrReset(
  db: Database,
  args: StaffArgs,
  password: string,
  now: Date,
): Promise<"created" | "reset"> {
  if (password.length < MIN_PASSWORD)
    throw new Error(`the password needs at least ${MIN_PASSWORD} characters`);
  const passwordHash = await hashPassword(password);
  const existing = await findStaffByLogin(db, args.login);
  if (existing) {
    if (!args.reset) throw new Error(`login "${args.login}" exists; add --reset to set a new password`);
    // Ends every session of the account and lifts any sign-in wait: whoever knew the old one is out.
    await setStaffPassword(db, existing.id, passwordHash);
    const keys = await throttleKeys(existing.loginId, "");
    await clearThrottle(db, [keys.login], [`pair:${keys.loginHash}:`]);
    await recordAudit(
      db,
      {
        staffId: null,
        action: "staff.passwordReset",
        target: `staff:${existing.id}`,
        detail: { via: "cli" },
      },
      now,
    );
    return "reset";
  }
  const id = await createStaff(
    db,
    { loginId: args.login, displayName: args.name, role: args.role, passwordHash },
    now,
  );
  await recordAudit(
    db,
    { staffId: null, action: "staff.create", target: `staff:${id}`, detail: { via: "cli" } },
    now,
  );
  return "created";
}

/**
 * The same account as SQL for D1 (one statement per line, audited like the Node path). Without
 * --reset an existing login id makes the INSERT fail (UNIQUE); with --reset it sets the new password,
 * ends the account's sessions, lifts any sign-in wait, and creates it if it was missing.
 */
export async function insertSql(args: StaffArgs, password: string, now: Date): Promise<string> {
  if (password.length < MIN_PASSWORD)
    throw new Error(`the password needs at least ${MIN_PASSWORD} characters`);
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const at = quote(now.toISOString());
  const login = quote(args.login);
  const values = [args.login, args.name, args.role, await hashPassword(password)].map(quote);
  const insert = `INSERT INTO staff_users (login_id, display_name, role, password_hash, created_at) VALUES (${values.join(", ")}, ${at})`;
  const upsert = args.reset
    ? " ON CONFLICT(login_id) DO UPDATE SET password_hash = excluded.password_hash"
    : "";
  const action = quote(args.reset ? "staff.passwordReset" : "staff.create");
  const audit = `INSERT INTO audit_log (staff_id, action, target, detail, at) SELECT NULL, ${action}, 'staff:' || id, '{"via":"cli"}', ${at} FROM staff_users WHERE login_id = ${login}`;
  if (!args.reset) return `${insert};\n${audit};\n`;
  // As on the Node path: every session of the account ends and any sign-in wait is lifted.
  const keys = await throttleKeys(args.login, "");
  const sessions = `DELETE FROM staff_sessions WHERE staff_id = (SELECT id FROM staff_users WHERE login_id = ${login})`;
  // substr, not LIKE: D1 refuses LIKE patterns over 50 bytes (a pair key's prefix is 71).
  const pair = `pair:${keys.loginHash}:`;
  const waits = `DELETE FROM sign_in_throttle WHERE key = ${quote(keys.login)} OR substr(key, 1, ${pair.length}) = ${quote(pair)}`;
  return `${insert}${upsert};\n${sessions};\n${waits};\n${audit};\n`;
}

/** The arguments for `wrangler d1 execute`: a file, never --command (no shell quoting involved). */
export function wranglerExecuteArgs(d1: NonNullable<StaffArgs["d1"]>, file: string): string[] {
  const args = ["d1", "execute", d1.database, `--${d1.where}`, "--file", file, "--yes"];
  if (d1.config) args.push("--config", d1.config);
  if (d1.persistTo) args.push("--persist-to", d1.persistTo);
  return args;
}

/** Runs the project's own wrangler with Node (no npx, no shell); resolves with its exit code. */
export function runWrangler(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const bin = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ["inherit", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

/** Writes the account to D1 through wrangler; the temporary file holds only the hash, and goes. */
export async function executeOnD1(args: StaffArgs, password: string, now: Date): Promise<void> {
  if (!args.d1) throw new Error("no --d1 target");
  const statement = await insertSql(args, password, now);
  const dir = mkdtempSync(join(tmpdir(), "staff-create-"));
  const file = join(dir, "staff.sql");
  try {
    writeFileSync(file, statement, { mode: 0o600 });
    const code = await runWrangler(wranglerExecuteArgs(args.d1, file));
    if (code !== 0)
      throw new Error(
        `wrangler d1 execute failed (exit ${code})${args.reset ? "" : "; if the login id exists, add --reset"}`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
    output._writeToOutput = (s: string) => {
      if (s.includes(question)) output.output.write(s);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}

async function main(): Promise<void> {
  const args = parseStaffArgs(process.argv.slice(2));
  let password = process.env.STAFF_PASSWORD ?? "";
  if (!password) {
    if (!process.stdin.isTTY) throw new Error("set STAFF_PASSWORD or run in a terminal");
    password = await askHidden("パスワード: ");
    if ((await askHidden("パスワード（確認）: ")) !== password) throw new Error("the two passwords differ");
  }
  if (args.sql) {
    // Only the PBKDF2 hash goes into the statement; the password itself is never printed.
    process.stdout.write(await insertSql(args, password, new Date()));
    return;
  }
  if (args.d1) {
    await executeOnD1(args, password, new Date());
    console.log(
      `${args.reset ? "new password set for" : `created ${args.role}`} "${args.login}" in D1 (${args.d1.where})`,
    );
    return;
  }
  // Imported here so the functions above can be tested without the whole Node entry.
  const { openDatabase } = await import("../src/node.js");
  const database = await openDatabase(
    process.env.DATABASE_URL ?? "file:data/helpdesk.db",
    process.env.DATABASE_AUTH_TOKEN,
  );
  try {
    const outcome = await createOrReset(database.db, args, password, new Date());
    console.log(
      outcome === "created"
        ? `created ${args.role} "${args.login}"`
        : `new password set for "${args.login}"; its sessions were ended`,
    );
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
