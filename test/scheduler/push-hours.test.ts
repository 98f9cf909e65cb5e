// Quiet hours: no push outside the push hours (flows/push-hours.ts, 8:00–20:00 JST) whatever the
// due time, and the 24-hour link warning still arrives before the link dies. Properties over the
// pure scheduling, then over the real runner on libSQL with the real client against the emulator.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { journeyCopy } from "../../flows/journey.js";
import { pushHours } from "../../flows/push-hours.js";
import { fitToPushHours, isWithinPushHours, nextPushTime } from "../../src/engine/journey/push-hours.js";
import { REMINDER_RULES, reminderDueAt } from "../../src/engine/journey/steps.js";
import { createLineMessenger } from "../../src/line/messenger.js";
import { openDatabase } from "../../src/node.js";
import type { Messenger } from "../../src/ports.js";
import { runDueReminders } from "../../src/scheduler/reminders.js";
import { TestClock } from "../helpers/bot.js";
import { type EmulatorServer, startEmulatorServer } from "../helpers/emulator-server.js";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const jstHour = (at: Date) => new Date(at.getTime() + 9 * HOUR).getUTCHours();
/** Any moment of 2026–2027, to the minute. */
const moment = fc
  .integer({ min: Date.UTC(2026, 0, 1) / MINUTE, max: Date.UTC(2027, 11, 31) / MINUTE })
  .map((m) => new Date(m * MINUTE));

describe("push hours (pure)", () => {
  it("8:00 is in, 19:59 is in, 20:00 and 7:59 are out (Japan time)", () => {
    expect(isWithinPushHours(new Date("2026-12-01T23:00:00Z"), pushHours)).toBe(true); // 08:00
    expect(isWithinPushHours(new Date("2026-12-01T10:59:00Z"), pushHours)).toBe(true); // 19:59
    expect(isWithinPushHours(new Date("2026-12-01T11:00:00Z"), pushHours)).toBe(false); // 20:00
    expect(isWithinPushHours(new Date("2026-12-01T22:59:00Z"), pushHours)).toBe(false); // 07:59
    expect(nextPushTime(new Date("2026-12-01T13:00:00Z"), pushHours).toISOString()).toBe(
      "2026-12-01T23:00:00.000Z",
    );
  });

  it("whatever the due time, the fitted time is inside the hours and never earlier unless a deadline says so", () => {
    fc.assert(
      fc.property(moment, (due) => {
        const at = fitToPushHours(due, pushHours);
        expect(isWithinPushHours(at, pushHours)).toBe(true);
        expect(at.getTime()).toBeGreaterThanOrEqual(due.getTime());
        expect(at.getTime() - due.getTime()).toBeLessThanOrEqual(12 * HOUR);
      }),
      { numRuns: 2000 },
    );
  });

  it("every reminder a report schedules is inside the hours; the link warning comes 2 h or more before expiry", () => {
    fc.assert(
      fc.property(moment, (reportedAt) => {
        for (const { kind } of REMINDER_RULES) {
          const due = reminderDueAt(journeyCopy, kind, reportedAt);
          expect(isWithinPushHours(due, pushHours)).toBe(true);
          expect(due.getTime()).toBeGreaterThan(reportedAt.getTime());
        }
        const warning = reminderDueAt(journeyCopy, "linkExpiring", reportedAt);
        const expiry = reportedAt.getTime() + journeyCopy.linkValidHours * HOUR;
        expect(expiry - warning.getTime()).toBeGreaterThanOrEqual(pushHours.minLeadMinutes * MINUTE);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("push hours (the runner)", () => {
  let dir: string;
  let emu: EmulatorServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "push-hours-"));
    emu = await startEmulatorServer({ channelAccessToken: "push-hours-token" });
  });
  afterAll(async () => {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("for any due times and any run times, every push is sent inside the hours", async () => {
    const { db, close } = await openDatabase(`file:${join(dir, "p.db")}`);
    const clock = new TestClock();
    const real = createLineMessenger(
      { channelAccessToken: "push-hours-token", baseURL: emu.url },
      { attempts: 1, baseDelayMs: 1, sleep: async () => {} },
    );
    const pushedAt: Date[] = [];
    const messenger: Messenger = {
      ...real,
      push: async (userId, messages, retryKey) => {
        pushedAt.push(clock.now());
        await real.push(userId, messages, retryKey);
      },
    };
    const logger = { info() {}, error() {} };
    let n = 0;
    let total = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            dueMinutes: fc.integer({ min: 0, max: 48 * 60 }),
            kind: fc.constantFrom("applyStart", "startDate", "nudge.portal", "notice.applicationApproved"),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.array(fc.integer({ min: 1, max: 6 * 60 }), { minLength: 4, maxLength: 20 }),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        async (rows, gaps, startMinute) => {
          const start = Date.UTC(2026, 11, 1) + startMinute * MINUTE;
          clock.set(new Date(start).toISOString());
          const step = {
            applyStart: "registered",
            startDate: "appInstalled",
            "nudge.portal": "portal",
          } as const;
          for (const row of rows) {
            const userId = `U${(++n).toString(16).padStart(32, "0")}`;
            const journeyStep = row.kind in step ? step[row.kind as keyof typeof step] : "applied";
            await db
              .insert(schema.members)
              .values({ userId, journeyStep, createdAt: clock.now().toISOString() });
            await db.insert(schema.reminders).values({
              id: crypto.randomUUID(),
              userId,
              kind: row.kind,
              dueAt: new Date(start + row.dueMinutes * MINUTE).toISOString(),
              retryKey: crypto.randomUUID(),
              createdAt: clock.now().toISOString(),
            });
          }
          pushedAt.length = 0;
          for (const gap of gaps) {
            clock.advance(gap * MINUTE);
            await runDueReminders({ db, messenger, clock, logger });
          }
          total += pushedAt.length;
          for (const at of pushedAt) {
            expect(isWithinPushHours(at, pushHours), `pushed at ${jstHour(at)}時 JST`).toBe(true);
          }
        },
      ),
      { numRuns: 40 },
    );
    expect(total, "the runs pushed something at all").toBeGreaterThan(20);
    await close();
  });
});
