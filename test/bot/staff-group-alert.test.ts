// A member's question for a person reaches the staff where they are: one push to the staff LINE group
// (STAFF_LINE_GROUP_ID) with no personal detail, once per event, counted on the dashboard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { menuContent } from "../../flows/menu.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { Member } from "../helpers/e2e-member.js";

const GROUP = `C${"ab12".repeat(8)}`;

describe("staff group alert for a new inquiry", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      env: { STAFF_LINE_GROUP_ID: GROUP, ADMIN_BASE_URL: "https://helpdesk.example.jp/" },
    });
  });
  afterAll(() => bot.stop());

  it("pushes one short message without the question or the name, and marks the inquiry", async () => {
    const m = new Member(() => bot);
    await m.follow();
    const since = bot.emulator!.lastSeq();
    await m.say("担当者に聞く");
    await m.say("保険証の読み取り機が動きません。電話は09012345678です");
    await bot.background.idle();
    // Asked to confirm first: nothing reaches the group before the member says 「送る」.
    expect(bot.emulator!.deliveries({ userId: GROUP, sinceSeq: since })).toHaveLength(0);
    await m.tap(menuContent.inquiry.sendLabel);
    await bot.background.idle();
    const alerts = bot.emulator!.deliveries({ userId: GROUP, sinceSeq: since });
    expect(alerts).toHaveLength(1);
    const body = JSON.stringify(alerts[0]?.messages);
    expect(body).toContain("新しいお問い合わせが届きました（未対応 1 件）");
    expect(body).toContain("https://helpdesk.example.jp/admin/inquiries");
    expect(body).not.toContain("読み取り機");
    expect(body).not.toContain("09012345678");
    const [row] = await bot.db.select().from(schema.inquiries);
    expect(row?.staffNotifiedAt).toBeTruthy();
  });

  it("sends nothing to the group for an ordinary FAQ question", async () => {
    const m = new Member(() => bot);
    await m.follow();
    const since = bot.emulator!.lastSeq();
    await m.say("リンクの有効期限は？");
    await bot.background.idle();
    expect(bot.emulator!.deliveries({ userId: GROUP, sinceSeq: since })).toHaveLength(0);
  });

  it("refuses a malformed group id at start", async () => {
    await expect(startTestBot({ env: { STAFF_LINE_GROUP_ID: "my-group" } })).rejects.toThrow(
      /STAFF_LINE_GROUP_ID/,
    );
  });
});
