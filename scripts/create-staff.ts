// Creates a staff account from the command line (the first admin cannot be created from the web):
//   npm run staff:create -- --login admin --name 管理者 --role admin [--reset]
// The password comes from STAFF_PASSWORD or is asked for (not echoed). Uses DATABASE_URL and applies
// the migrations first. --reset sets a new password for an existing login id, ends all its sessions and lifts any
// sign-in wait.
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
  /** Print an INSERT for `wrangler d1 execute` instead of writing (D1 is not reachable from Node). */
  sql?: boolean;
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
    },
  });
  const login = values.login?.trim() ?? "";
  if (!/^[A-Za-z0-9._-]{3,40}$/.test(login)) throw new Error("--login: 3–40 characters of A-Z a-z 0-9 . _ -");
  if (values.role !== "admin" && values.role !== "staff") throw new Error("--role must be admin or staff");
  const name = values.name?.trim() || login;
  return { login, name, role: values.role, reset: values.reset ?? false, sql: values.sql ?? false };
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

/** The same account as a SQL statement for D1: `wrangler d1 execute DB --remote --command "<it>"`. */
export async function insertSql(args: StaffArgs, password: string, now: Date): Promise<string> {
  if (password.length < MIN_PASSWORD)
    throw new Error(`the password needs at least ${MIN_PASSWORD} characters`);
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const values = [args.login, args.name, args.role, await hashPassword(password), now.toISOString()].map(
    quote,
  );
  return `INSERT INTO staff_users (login_id, display_name, role, password_hash, created_at) VALUES (${values.join(", ")});`;
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
    const statement = await insertSql(args, password, new Date());
    console.log(statement);
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
