// Progress reported in members' own words, as a simulator tester played them: a report and 「これで
// 終わり？」 in one sentence, the screen's words after what was done, 「今度はきました！」 after the mail
// did not come, a step someone else did (「院長が申請したそうです」), a hedge after 「ちゃんと」; and the
// exemption's condition still open after one side question. Through the simulator API (signed
// webhook, engine, libSQL file, SDK client to the emulator), on 2026-12-01 in Japan.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { journeyCopy as J } from "../../flows/journey.js";
import { startTestBot, type TestBot, TestClock } from "../helpers/bot.js";
import { memberRow } from "../helpers/e2e-db.js";
import { Member } from "../helpers/e2e-member.js";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ clock: new TestClock(new Date("2026-12-01T01:00:00.000Z")) }); // 10:00 JST
});
afterAll(async () => {
  await bot.stop();
});

const newMember = () => new Member(() => bot);
const stepOf = async (m: Member) => (await memberRow(bot.db, m.userId))?.journey_step ?? null;
const exemptionOf = async (m: Member) =>
  (
    await bot.db.all<{ exemption: string | null }>(
      sql`select exemption from members where user_id = ${m.userId}`,
    )
  )[0]?.exemption ?? null;
const confirmSkip = (step: keyof typeof J.steps) =>
  `「${J.steps[step].title}」まで終わったということでよろしいですか`;
const RECORDED = "「対象外（届出）」として記録しました";
const AGE_CHECK = "お一人なら「ひとりです」と送るか";

describe("a report and 「what next?」 in one sentence", () => {
  it("「アプリは入れたんだけどこれで終わり？」 from a newcomer asks to confirm the app step, then says the 運用開始日 is next", async () => {
    const m = newMember();
    await m.say("アプリは入れたんだけどこれで終わり？");
    expect(m.read).toContain(confirmSkip("appInstalled"));
    expect(m.read).not.toContain("次にすること");
    // Insisting is the same report again, never the FAQ.
    await m.say("いやだからアプリはもう入れたって");
    expect(m.read).toContain(confirmSkip("appInstalled"));
    await m.tap(J.buttons.yesRecord);
    expect(m.read).toContain(J.steps.appInstalled.done);
    expect(m.read).toContain(`次は「${J.steps.started.title}」です`);
    expect(await stepOf(m)).toBe("appInstalled");
  });
});

describe("natural reports", () => {
  it("「院長の携帯に届いてました。押したら完了って出ました」 after the link mail records 登録完了", async () => {
    const m = newMember();
    await m.say("登録ボタンを押した");
    await m.say("院長の携帯に届いてました。押したら完了って出ました");
    expect(m.read).toContain(J.steps.registered.done);
    expect(await stepOf(m)).toBe("registered");
  });

  it("「今度はきました！」 after 「メールが来ない」 is the mail arrived; from a member waiting for nothing it is not a report", async () => {
    const m = newMember();
    await m.say("登録ボタンを押した");
    await m.say("メールが来ない");
    await m.say("今度はきました！");
    expect(m.read).toContain(J.replies.mailArrived[1]);
    expect(m.quickLabels).toContain(J.steps.registered.report);

    // Said 「メールが来ない」 without reporting the button first: the mail too, and the button is recorded.
    const before = newMember();
    await before.say("メールが来ない");
    await before.say("今度はきました！");
    expect(before.read).toContain(J.replies.mailArrived[1]);
    expect(await stepOf(before)).toBe("linkSent");

    const stranger = newMember();
    await stranger.say("今度はきました！");
    expect(stranger.read).not.toContain(J.replies.mailArrived[1]);
    expect(await stepOf(stranger)).toBeNull();
  });

  it("「…メールが来たんですけどリンク押したら登録完了って出ましたこれで終わりですか」 records 登録完了 (sim3)", async () => {
    const m = newMember();
    await m.say("登録ボタンを押した");
    await m.say(
      "えっと登録ボタン押してメールが来たんですけどリンク押したら登録完了って出ましたこれで終わりですか",
    );
    expect(m.read).toContain(J.steps.registered.done);
    expect(await stepOf(m)).toBe("registered");
  });

  it("「院長が申請したそうです」 (someone else did it) records 利用開始申請", async () => {
    const m = newMember();
    await m.say("登録完了した");
    await m.say("院長が申請したそうです");
    expect(m.read).toContain(J.steps.applied.done);
    expect(await stepOf(m)).toBe("applied");
  });

  it("「ちゃんと登録できてたと思います」 records 登録完了", async () => {
    const m = newMember();
    await m.say("ちゃんと登録できてたと思います");
    expect(m.read).toContain(J.steps.registered.done);
    expect(await stepOf(m)).toBe("registered");
  });

  it("「押した。でもメールが来ない」 stays a question for the FAQ: nothing recorded", async () => {
    const m = newMember();
    await m.say("登録ボタンを押した");
    await m.say("押した。でもメールが来ない");
    expect(m.read).not.toContain(J.steps.registered.done);
    expect(m.read).not.toContain(J.replies.mailArrived[1]);
    expect(await stepOf(m)).toBe("linkSent");
  });
});

describe("the exemption's condition and a side question", () => {
  const asked = async () => {
    const m = newMember();
    await m.say("わしはもう75才だがやらないといかんのか");
    expect(m.read).toContain(AGE_CHECK);
    return m;
  };

  it("「うちはわし一人でやってる」 right after the check answers it", async () => {
    const m = await asked();
    await m.say("うちはわし一人でやってる");
    expect(m.read).toContain(RECORDED);
    expect(await exemptionOf(m)).toBe("age70");
  });

  it("「わしは75だからやらんでいいんだな」 right after the check is an answer to it (asked again), then 「ひとりです」 settles it", async () => {
    const m = await asked();
    await m.say("わしは75だからやらんでいいんだな");
    expect(m.read).toContain(AGE_CHECK);
    await m.say("ひとりです");
    expect(await exemptionOf(m)).toBe("age70");
  });

  // These need src/engine/router.ts (forgetAnswered) to keep the condition through one turn that left
  // it alone (see the report of this change): until then they fail, and are marked so. Drop `.fails`
  // with that change.
  it("answers a side question and still takes 「ひとりです」 after it", async () => {
    const m = await asked();
    await m.say("おかねはいくらかかるの");
    expect(m.read).not.toContain(RECORDED);
    await m.say("ひとりです");
    expect(m.read).toContain(RECORDED);
    expect(await exemptionOf(m)).toBe("age70");
  });

  it("「はい」 after a side question answers the check", async () => {
    const m = await asked();
    await m.say("おかねはいくらかかるの");
    await m.say("はい");
    expect(await exemptionOf(m)).toBe("age70");
  });

  it("「うちはわし一人でやってる」「わしは75だからやらんでいいんだな」 after a side question answer it", async () => {
    const alone = await asked();
    await alone.say("おかねはいくらかかるの");
    await alone.say("うちはわし一人でやってる");
    expect(await exemptionOf(alone)).toBe("age70");

    const again = await asked();
    await again.say("おかねはいくらかかるの");
    await again.say("わしは75だからやらんでいいんだな");
    expect(again.read).toContain(AGE_CHECK);
    await again.say("ひとりです");
    expect(await exemptionOf(again)).toBe("age70");
  });

  it("is bounded: a 「はい」 after two side questions, or after a report, answers nothing", async () => {
    const m = await asked();
    await m.say("おかねはいくらかかるの");
    await m.say("補助金はまだでますか");
    await m.say("はい");
    expect(m.read).not.toContain(RECORDED);
    expect(await exemptionOf(m)).toBeNull();

    const reported = await asked();
    await reported.say("登録完了しました");
    await reported.say("はい");
    expect(reported.read).not.toContain(RECORDED);
    expect(await exemptionOf(reported)).toBeNull();
  });
});
