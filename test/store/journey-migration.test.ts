// The migration (0002) that carries stored members over to the journey that ends at the 運用開始日: a
// database made by the previous release (only 0000 applied, members at the old last step
// 「アプリを入れた」 and a pending 「アプリのダウンロード」 reminder) is migrated by the real drizzle
// migrator, then the real reminder runner pushes what the migration queued, within the push hours.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { createLineMessenger } from "../../src/line/messenger.js";
import { MIGRATIONS_FOLDER } from "../../src/node/database.js";
import { runDueReminders } from "../../src/scheduler/reminders.js";
import { plainCipher } from "../../src/store/cipher.js";
import { loadSnapshot } from "../../src/store/conversation-store.js";
import type { Database } from "../../src/store/database.js";
import { TestClock } from "../helpers/bot.js";
import { type EmulatorServer, startEmulatorServer } from "../helpers/emulator-server.js";

const TOKEN = "migration-test-token";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
let dir: string;
let emu: EmulatorServer;

const THIS_MIGRATION = "0002_journey_to_start_date";

/** A migrations folder holding every migration before this one: what the previous release shipped. */
function previousRelease(): string {
  const folder = join(dir, "previous");
  mkdirSync(join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8"));
  const upTo = journal.entries.findIndex((e: { tag: string }) => e.tag === THIS_MIGRATION);
  if (upTo < 1) throw new Error(`${THIS_MIGRATION} is not in the journal after another migration`);
  journal.entries = journal.entries.slice(0, upTo);
  for (const { tag } of journal.entries as Array<{ tag: string }>)
    cpSync(join(MIGRATIONS_FOLDER, `${tag}.sql`), join(folder, `${tag}.sql`));
  writeFileSync(join(folder, "meta/_journal.json"), JSON.stringify(journal));
  return folder;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "journey-migration-"));
  emu = await startEmulatorServer({ channelAccessToken: TOKEN });
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("migration 0002 (journey to the 運用開始日)", () => {
  it("keeps stored steps, queues one 運用開始日 reminder at the old last step, retires the old one", async () => {
    const client = createClient({ url: `file:${join(dir, "old.db")}` });
    const orm = drizzle(client, { schema });
    const db = orm as unknown as Database;
    await migrate(orm, { migrationsFolder: previousRelease() });
    const at = "2026-11-01T00:00:00.000Z";
    const insertMember = (id: string, step: string | null, status = "active") =>
      db.run(
        sql`insert into members (user_id, status, journey_step, created_at) values (${id}, ${status}, ${step}, ${at})`,
      );
    const done = `U${"1".repeat(32)}`;
    const left = `U${"2".repeat(32)}`;
    const applied = `U${"3".repeat(32)}`;
    await insertMember(done, "appInstalled");
    await insertMember(left, "appInstalled", "inactive");
    await insertMember(applied, "applied");
    for (const id of [done, left, applied])
      await db.run(
        sql`insert into conversations (user_id, state, version, updated_at) values (${id}, 'plain:{"flow":"idle","answers":{}}', 0, ${at})`,
      );
    await db.run(
      sql`insert into journey_events (user_id, step, source, at) values (${done}, 'appInstalled', 'member', ${at})`,
    );
    await db.run(
      sql`insert into reminders (id, user_id, kind, due_at, status, retry_key, created_at) values ('r1', ${applied}, 'appInstall', '2026-12-24T00:00:00.000Z', 'pending', ${crypto.randomUUID()}, ${at})`,
    );

    await migrate(orm, { migrationsFolder: MIGRATIONS_FOLDER });

    const members = await db.all<{ user_id: string; journey_step: string; exemption: string | null }>(
      sql`select user_id, journey_step, exemption from members order by user_id`,
    );
    expect(members.map((m) => [m.journey_step, m.exemption])).toEqual([
      ["appInstalled", null],
      ["appInstalled", null],
      ["applied", null],
    ]);
    const reminders = await db.all<{ user_id: string; kind: string; status: string; retry_key: string }>(
      sql`select user_id, kind, status, retry_key from reminders order by kind`,
    );
    expect(reminders.map((r) => [r.user_id, r.kind, r.status])).toEqual([
      [applied, "appInstall", "cancelled"],
      [done, "startDate", "pending"],
    ]);
    expect(reminders[1]!.retry_key).toMatch(UUID);

    // The member's progress card now has the 運用開始日 as the step to do.
    const snapshot = await loadSnapshot(db, plainCipher, done, new Date());
    if (snapshot === "duplicate") throw new Error("unexpected");
    expect(snapshot.member.journeyStep).toBe("appInstalled");

    // At night nothing goes out; in the morning the reminder does, once.
    const messenger = createLineMessenger(
      { channelAccessToken: TOKEN, baseURL: emu.url },
      { attempts: 1, baseDelayMs: 1, sleep: async () => {} },
    );
    const clock = new TestClock(new Date(Date.now() + 24 * 3_600_000));
    clock.set(`${clock.now().toISOString().slice(0, 10)}T14:00:00.000Z`); // 23:00 JST
    const logger = { info() {}, error() {} };
    expect(await runDueReminders({ db, messenger, clock, logger })).toEqual({ sent: 0, failed: 0 });
    clock.advance(10 * 3_600_000); // 09:00 JST
    expect(await runDueReminders({ db, messenger, clock, logger })).toEqual({ sent: 1, failed: 0 });
    const pushes = emu.emulator.deliveries({ userId: done }).filter((d) => d.via === "push");
    expect(pushes).toHaveLength(1);
    expect(JSON.stringify(pushes[0]!.messages)).toContain("運用開始日");
    expect(emu.emulator.deliveries({ userId: left })).toHaveLength(0);
    client.close();
  });
});
