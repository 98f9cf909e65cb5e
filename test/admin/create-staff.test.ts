import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { createOrReset, insertSql, parseStaffArgs } from "../../scripts/create-staff.js";
import { verifyPassword } from "../../src/admin/auth/password.js";
import { type Harness, signIn, startHarness, submitLogin } from "./harness.js";

describe("staff:create", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("reads --login, --name and --role", () => {
    expect(parseStaffArgs(["--login", "admin", "--name", "管理者", "--role", "admin"])).toEqual({
      login: "admin",
      name: "管理者",
      role: "admin",
      reset: false,
      sql: false,
    });
    expect(() => parseStaffArgs(["--login", "a b"])).toThrow(/--login/);
    expect(() => parseStaffArgs(["--login", "abc", "--role", "root"])).toThrow(/--role/);
  });

  it("creates an account that can sign in, refuses a short password and a duplicate without --reset; --reset signs it out everywhere", async () => {
    const args = parseStaffArgs(["--login", "admin", "--name", "管理者", "--role", "admin"]);
    await expect(createOrReset(h.db, args, "short", h.clock.now())).rejects.toThrow(/at least 12/);
    expect(await createOrReset(h.db, args, "a-long-password-1", h.clock.now())).toBe("created");
    const before = await signIn(h, "admin", "a-long-password-1");
    expect((await before.get("/admin")).status).toBe(200);
    await expect(createOrReset(h.db, args, "a-long-password-2", h.clock.now())).rejects.toThrow(/--reset/);
    expect(await createOrReset(h.db, { ...args, reset: true }, "a-long-password-2", h.clock.now())).toBe(
      "reset",
    );
    // The reset ends the sessions opened with the old password.
    expect((await before.get("/admin")).status).toBe(302);
    expect(await h.db.select().from(schema.staffSessions)).toHaveLength(0);
    expect((await submitLogin(h, "admin", "a-long-password-1")).status).toBe(401);
    const [row] = await h.db.select().from(schema.staffUsers);
    expect(row?.passwordHash.startsWith("pbkdf2$210000$")).toBe(true);
    expect(await verifyPassword("a-long-password-2", row!.passwordHash)).toBe(true);
  });

  it("prints an INSERT for D1 (--sql) that creates an account able to sign in", async () => {
    const args = parseStaffArgs([
      "--login",
      "d1.admin",
      "--name",
      "O'Brien 事務局",
      "--role",
      "admin",
      "--sql",
    ]);
    expect(args.sql).toBe(true);
    const statement = await insertSql(args, "a-long-password-3", h.clock.now());
    await h.db.run(sql.raw(statement));
    expect((await submitLogin(h, "d1.admin", "a-long-password-3")).status).toBe(303);
  });
});
