// A notice staff relay at night: the journey moves at once, the push waits for the push hours and
// then goes out once through the reminder runner; by day it goes out at once, as before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDueReminders } from "../../src/scheduler/reminders.js";
import { listReminders } from "../../src/store/reminders.js";
import { type Harness, type Session, seedMember, seedStaff, signIn, startHarness } from "./harness.js";

const HOUR = 3_600_000;

describe("relaying a notice at night", () => {
  let h: Harness;
  let s: Session;
  beforeAll(async () => {
    h = await startHarness();
    await seedStaff(h, "staff1", "a-long-password-1", "staff");
    s = await signIn(h, "staff1", "a-long-password-1");
  });
  afterAll(() => h.close());

  const pushes = (userId: string) =>
    h.emulator.emulator.deliveries({ userId }).filter((d) => d.via === "push");

  it("records 申請承認 at 21:00 and pushes it at 08:00, once", async () => {
    const userId = await seedMember(h, { step: "applied" });
    h.clock.advance(11 * HOUR); // 21:00 JST
    const res = await s.post(`/admin/members/${userId}/relay`, {
      notice: "applicationApproved",
      confirmed: "1",
    });
    expect(res.headers.get("location")).toContain("done=held");
    const page = await (await s.get(res.headers.get("location")!)).text();
    expect(page).toContain("夜間のため、お知らせは次の08:00以降に送ります。");
    expect(page).toContain("申請承認済み");
    expect(pushes(userId)).toHaveLength(0);
    const [held] = (await listReminders(h.db, [userId])).filter(
      (r) => r.kind === "notice.applicationApproved",
    );
    expect(held).toMatchObject({ status: "pending", dueAt: "2026-11-25T23:00:00.000Z" });

    const run = () => runDueReminders({ ...h.deps });
    h.clock.advance(9 * HOUR); // 06:00 JST
    await run();
    expect(pushes(userId)).toHaveLength(0);
    h.clock.advance(2 * HOUR + 5 * 60_000); // 08:05 JST
    expect(await run()).toEqual({ sent: 1, failed: 0 });
    await run();
    const sent = pushes(userId);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]!.messages)).toContain("利用開始申請が承認されたことを確認しました");
    expect(JSON.stringify(sent[0]!.messages)).toContain("資格確認アカウント管理");
  });

  it("by day the push goes out at once", async () => {
    const userId = await seedMember(h, { step: "appInstalled" });
    s = await signIn(h, "staff1", "a-long-password-1"); // the clock moved past the session's life
    const res = await s.post(`/admin/members/${userId}/relay`, {
      notice: "startDateEntered",
      confirmed: "1",
    });
    expect(res.headers.get("location")).toContain("done=sent");
    expect(JSON.stringify(pushes(userId)[0]!.messages)).toContain("これで導入完了です");
  });
});
