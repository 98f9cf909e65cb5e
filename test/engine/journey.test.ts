// biome-ignore-all lint/suspicious/noExplicitAny: assertions read LINE message JSON loosely
import { describe, expect, it } from "vitest";
import { journeyCopy } from "../../flows/journey.js";
import type { FlowContext } from "../../src/engine/flow.js";
import { journeyFeature, reminderMessages } from "../../src/engine/journey/index.js";
import { formatDate, formatDateTime, isReminderObsolete } from "../../src/engine/journey/steps.js";
import { postbackData } from "../../src/engine/messages.js";
import {
  type ConversationState,
  INITIAL_STATE,
  type JourneyStep,
  type MemberView,
} from "../../src/engine/types.js";
import { validateMessages } from "../../src/line/emulator/validate-messages.js";

const NOW = new Date("2026-11-25T01:00:00.000Z"); // 11月25日 10:00 JST
const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString();

function ctx(
  journeyStep: JourneyStep | null,
  journeyAt: MemberView["journeyAt"] = {},
  now = NOW,
): FlowContext {
  return {
    now,
    member: { userId: "Utest", journeyStep, journeyAt },
    faq: { answer: () => ({ kind: "none" }), byId: () => undefined },
  };
}

const JOURNEY_PREV: Record<string, JourneyStep> = {
  approved: "applied",
  appAccount: "approved",
  deviceRegistered: "appAccount",
};

const postback = (action: string, params: Record<string, string> = {}) =>
  ({ kind: "postback", data: postbackData(action, params) }) as const;

function run(
  c: FlowContext,
  input: Parameters<typeof journeyFeature.handle>[2],
  state: ConversationState = INITIAL_STATE,
) {
  const result = journeyFeature.handle(c, state, input);
  if (result) expect(validateMessages(result.replies)).toEqual([]);
  return result;
}

const texts = (replies: any[]) => replies.map((m) => (m.type === "text" ? m.text : m.altText)).join("\n");
const labels = (replies: any[]) => (replies.at(-1)?.quickReply?.items ?? []).map((i: any) => i.action.label);

/** The card's rows as [mark, title, date?]. */
function cardRows(replies: any[]): string[][] {
  const body = replies[0].contents.body.contents as any[];
  return body.filter((c) => c.type === "box").map((row) => row.contents.map((t: any) => t.text));
}
const cardText = (replies: any[]) =>
  (replies[0].contents.body.contents as any[])
    .filter((c) => c.type === "text")
    .map((c) => c.text)
    .join("\n");

const LINK_SENT_AT: MemberView["journeyAt"] = {
  device: "2026-11-20T03:00:00.000Z",
  portal: "2026-11-24T16:30:00.000Z", // 11月25日 01:30 JST
  linkSent: NOW.toISOString(),
};

describe("journeyFeature › progress card", () => {
  it("shows a new member every step, the first one current, and how to report it", () => {
    const result = run(ctx(null), postback("journey.progress"))!;
    expect(result.effects).toEqual([]);
    expect(result.replies[0]!.type).toBe("flex");
    const rows = cardRows(result.replies);
    expect(rows).toHaveLength(11);
    expect(rows.at(-1)).toEqual(["・", "運用開始日を登録する"]);
    expect(rows[0]).toEqual(["▶", "機器を用意する"]);
    expect(rows.slice(1).every((r) => r[0] === "・" && r.length === 2)).toBe(true);
    expect(cardText(result.replies)).toContain("保険証の資格を、オンラインで確認する");
    expect(labels(result.replies)).toEqual(["機器を用意した", "対象外の方はこちら", "メニュー"]);
    expect((result.replies[0] as { altText: string }).altText).toBe("進み具合：次は「機器を用意する」です。");
  });

  it("marks the steps done with their Japan-time date, and shows the link's deadline", () => {
    const result = run(ctx("linkSent", LINK_SENT_AT, new Date(at(2))), postback("journey.progress"))!;
    const rows = cardRows(result.replies);
    expect(rows[0]).toEqual(["✓", "機器を用意する", "11月20日"]);
    expect(rows[1]).toEqual(["✓", "ポータルサイトを開く", "11月25日"]);
    expect(rows[2]).toEqual(["✓", "ユーザー登録を入力する"]);
    expect(rows[3]).toEqual(["✓", "登録ボタンとOKボタンを押す", "11月25日"]);
    expect(rows[4]).toEqual(["▶", "メールのリンクで登録完了"]);
    expect(rows[5]![0]).toBe("・");
    expect(cardText(result.replies)).toContain("リンクの有効期限：11月26日 10:00まで");
    expect(labels(result.replies)).toEqual([
      "メールが届いた",
      "登録完了した",
      "メールが届かない",
      "メニュー",
    ]);
  });

  it("does not tick 機器 for a member who reported only the portal steps (registering needs no device)", () => {
    const { device: _device, ...withoutDevice } = LINK_SENT_AT;
    const result = run(ctx("linkSent", withoutDevice, new Date(at(2))), postback("journey.progress"))!;
    const rows = cardRows(result.replies);
    expect(rows[0]).toEqual(["・", "機器を用意する"]);
    expect(rows[1]![0]).toBe("✓");
    expect(rows[4]).toEqual(["▶", "メールのリンクで登録完了"]);
  });

  it("offers 「やり直す」 only once the link has expired", () => {
    const result = run(ctx("linkSent", LINK_SENT_AT, new Date(at(25))), postback("journey.progress"))!;
    expect(cardText(result.replies)).toContain("リンクの有効期限（11月26日 10:00）を過ぎています");
    expect(labels(result.replies)).toContain("やり直す");
  });

  it("ignores the date of a step undone by 「やり直す」", () => {
    const result = run(
      ctx("registering", { ...LINK_SENT_AT, registering: at(25) }),
      postback("journey.progress"),
    )!;
    expect(cardRows(result.replies)[3]).toEqual(["▶", "登録ボタンとOKボタンを押す"]);
  });

  it("at アプリを入れた still shows the 運用開始日 as the step to do", () => {
    const result = run(ctx("appInstalled", { appInstalled: at(0) }), postback("journey.progress"))!;
    expect(cardRows(result.replies).at(-1)).toEqual(["▶", "運用開始日を登録する"]);
    expect(cardText(result.replies)).toContain("各種申請」→「運用開始日登録」");
    expect(cardText(result.replies)).not.toContain(journeyCopy.card.allDone);
    expect(labels(result.replies)[0]).toBe("運用開始日を登録した");
  });

  it("says 導入完了 only once the 運用開始日 is entered", () => {
    const result = run(ctx("started", { started: at(0) }), postback("journey.progress"))!;
    expect(cardRows(result.replies).every((r) => r[0] === "✓")).toBe(true);
    expect(cardText(result.replies)).toContain(journeyCopy.card.allDone);
  });
});

describe("journeyFeature › reporting a step", () => {
  it("records 登録ボタンを押した and schedules both link reminders from ctx.now", () => {
    const result = run(ctx("registering"), postback("journey.report", { step: "linkSent" }))!;
    expect(result.effects).toEqual([
      { type: "advanceJourney", step: "linkSent" },
      // 20 hours after 10:00 is 06:00, outside the push hours: the warning waits for 08:00, two
      // hours before the link dies at 10:00.
      { type: "scheduleReminder", kind: "linkExpiring", dueAt: at(22) },
      { type: "scheduleReminder", kind: "linkExpired", dueAt: at(24) },
    ]);
    expect(texts(result.replies)).toContain("11月26日 10:00まで");
    expect(labels(result.replies)).toContain("メールが届いた");
  });

  it("on 登録完了 cancels the link reminders and schedules applyStart 7 days later", () => {
    const result = run(ctx("linkSent", LINK_SENT_AT), postback("journey.report", { step: "registered" }))!;
    expect(result.effects).toEqual([
      { type: "cancelReminders", kinds: ["linkExpiring", "linkExpired"] },
      { type: "advanceJourney", step: "registered" },
      { type: "scheduleReminder", kind: "applyStart", dueAt: at(24 * 7) },
    ]);
    expect(texts(result.replies)).toContain("12月2日ごろ");
    expect(labels(result.replies)[0]).toBe("利用開始申請をした");
  });

  it("on 利用開始申請 cancels the earlier reminders; the approval comes next", () => {
    const result = run(ctx("registered"), postback("journey.report", { step: "applied" }))!;
    expect(result.effects).toEqual([
      { type: "cancelReminders", kinds: ["linkExpiring", "linkExpired", "applyStart"] },
      { type: "advanceJourney", step: "applied" },
    ]);
    expect(texts(result.replies)).toContain("次は「申請の承認を待つ」です。");
    expect(labels(result.replies)[0]).toBe("申請が承認された");
  });

  it.each([
    ["approved", "appAccount", "資格確認アカウント管理", "アカウントを作った"],
    ["appAccount", "deviceRegistered", "Bluetooth", "端末を登録した"],
    ["deviceRegistered", "appInstalled", "Microsoft Store", "アプリを入れた"],
  ] as const)("on reporting %s, explains %s (%s) and offers its report", (from, step, fact, report) => {
    const reported = run(ctx(JOURNEY_PREV[from]!), postback("journey.report", { step: from }))!;
    expect(reported.effects).toContainEqual({ type: "advanceJourney", step: from });
    expect(texts(reported.replies)).toContain(fact);
    expect(labels(reported.replies)[0]).toBe(report);
    const card = run(ctx(from), postback("journey.progress"))!;
    expect(cardRows(card.replies).find((r) => r[0] === "▶")).toEqual(["▶", journeyCopy.steps[step].title]);
  });

  it("on アプリを入れた schedules the 運用開始日 reminder 2 days later", () => {
    const result = run(ctx("deviceRegistered"), postback("journey.report", { step: "appInstalled" }))!;
    expect(result.effects).toContainEqual({ type: "scheduleReminder", kind: "startDate", dueAt: at(48) });
    expect(texts(result.replies)).toContain("運用開始日登録");
  });

  it("at 運用開始日 cancels every reminder, schedules none and says 導入完了", () => {
    const result = run(ctx("appInstalled"), postback("journey.report", { step: "started" }))!;
    expect(result.effects).toEqual([
      { type: "cancelReminders", kinds: ["linkExpiring", "linkExpired", "applyStart", "startDate"] },
      { type: "advanceJourney", step: "started" },
    ]);
    expect(texts(result.replies)).toContain("導入完了");
  });

  it("may skip steps: 登録完了 straight from the start", () => {
    const result = run(ctx(null), postback("journey.report", { step: "registered" }))!;
    expect(result.effects.map((e) => e.type)).toEqual([
      "cancelReminders",
      "advanceJourney",
      "scheduleReminder",
    ]);
  });

  it.each([
    ["べつのブラウザでやったらできました！登録完了しました", "registered", null],
    ["りんくおしたらかんりょうしましたってでました", "registered", null],
    ["「ユーザー登録が完了いたしました」と出ました", "registered", null],
    ["アカウントつくりました", "appAccount", "approved"],
    ["リンク押したら登録完了って出ました🙌", "registered", null],
    ["だから登録完了したってば", "registered", null],
    ["なんとか申請できました！", "applied", "registered"],
    // Believed done (「…きがする」「…とおもう」), or said another way (してありました, 入れといた, 来てた).
    ["あかうんとはつくったきがする", "appAccount", "approved"],
    ["ゆーざーとうろくはしたとおもう", "registered", null],
    ["りよう開始しんせいしてありました", "applied", "registered"],
    ["しょうにんされたってめーるきてた", "approved", "applied"],
    ["あかうんとつくれた", "appAccount", "approved"],
    ["うんようかいしびいれといた", "started", "appInstalled"],
    ["ぽーたるにろぐいんはできました", "registered", null],
    ["さっきポータルの登録ボタンは押しました", "linkSent", "registering"],
    // Several sentences: the report among them; a report, then 「これで終わり？」.
    ["アカウント作りました。PDFも印刷しました", "appAccount", "approved"],
    ["運用開始日も入力しました！これで全部終わりですか？", "started", "appInstalled"],
    ["利用開始申請を出しました", "applied", "registered"],
    ["パソコンを登録しておきました", "deviceRegistered", "appAccount"],
    ["カードリーダー買ってきた", "device", null],
    ["承認きた", "approved", "applied"],
    ["息子に手伝ってもらって登録のボタンを押しました", "linkSent", "registering"],
    ["きのうしんせいしておきました", "applied", "registered"],
    ["きかいよういしました", "device", null],
    ["アカウントできました", "appAccount", "approved"],
    ["ぽーたるでスマホをとうろくしました", "deviceRegistered", "appAccount"],
    ["ユーザー登録はもうすませました", "registered", null],
    ["端末登録おわった", "deviceRegistered", "appAccount"],
    // When inside the report, 「来てる」「入れてます」, よ mistyped お, 「済んでます」「承認待ちです」.
    ["しょうにんはおととい来てる", "approved", "applied"],
    ["承認はきのう来てます", "approved", "applied"],
    ["うんようかいしび　いれたお", "started", "appInstalled"],
    ["運用開始日もう入れてます", "started", "appInstalled"],
    ["利用開始申請はもう済んでます今は承認待ちです", "applied", "registered"],
    ["いまは承認待ちです", "applied", "registered"],
    // The mail saying applications are open: registered, the wait over (not 「wait up to 7 days」).
    ["メールには各種申請ができるようになりましたってかいてある", "registered", "linkSent"],
    ["各種申請ができるようになりましたってメールが来た", "registered", "linkSent"],
    // A voice before it, how long ago or the date chosen inside it, two reports joined by 「…て」 or a space.
    ["おっ、今日承認されたってメールきたわ", "approved", "applied"],
    ["ポータルの登録は3週間くらい前にもう済ませてます", "registered", "linkSent"],
    ["運用開始日、来週の月曜で入れといた", "started", "appInstalled"],
    ["いやいや、登録も終わって利用開始申請も出してあるよ", "applied", "registered"],
    ["登録ボタン押して、OKも押しました", "linkSent", "registering"],
    // 「…も完了してるんです」, 「…も買ってあるし、」 (play16).
    ["ユーザー登録も完了してるんです", "registered", "linkSent"],
    ["機器ももう買ってあるし", "device", null],
    ["今リンク押して完了した！次なに？", "registered", "linkSent"],
    ["登録ボタンとOKを押しました", "linkSent", "registering"],
    ["端末登録してアプリも入れました", "appInstalled", "deviceRegistered"],
    ["承認のメールが今日来たってことです", "approved", "applied"],
    // Play-tested (play17): 「終わりました」「済みました」, a pause inside a report before 「これで全部…？」.
    ["端末登録終わりました、アプリもMicrosoft Storeから入れました", "deviceRegistered", "appAccount"],
    ["端末の登録は済みました", "deviceRegistered", "appAccount"],
    ["運用開始日、12月7日で登録しました。これで全部終わりですか？", "started", "appInstalled"],
    // A helper playing members after registration (sim2): the step named inside a longer report.
    ["いま登録とOKを押しました〜。メール待ってます", "linkSent", "registering"],
    [
      "来ました来ました！リンク押したら登録が完了いたしましたって出ました〜ほんとに助かりました",
      "registered",
      "linkSent",
    ],
    ["承認されましたってメールがきました。次は何をすればいいですか", "approved", "applied"],
    ["10日前に利用開始申請までやりました", "applied", "registered"],
  ] as const)("reads the report in the member's own words: 「%s」 is %s", (typed, step, from) => {
    const result = run(ctx(from), { kind: "text", text: typed })!;
    // 「きのう…」「3週間くらい前に…」 also say when: recorded on that day (when.test.ts).
    expect(result.effects).toContainEqual(expect.objectContaining({ type: "advanceJourney", step }));
  });

  it("the device said with a later step (「いや機器ももう買ってあるし、ユーザー登録も完了してるんです」) is recorded too", () => {
    const result = run(ctx("linkSent"), {
      kind: "text",
      text: "いや機器ももう買ってあるし、ユーザー登録も完了してるんです",
    })!;
    const steps = result.effects.filter((e) => e.type === "advanceJourney").map((e) => e.step);
    expect(steps).toEqual(["device", "registered"]);
  });

  it.each(["たいしょうがいは　とりけして", "対象外を取り消したい"])(
    "「%s」 withdraws a recorded exemption, as the card's button does; without one, says there is none",
    (typed) => {
      const exempt: FlowContext = {
        ...ctx("device"),
        member: { ...ctx("device").member, exemption: "age70" },
      };
      expect(run(exempt, { kind: "text", text: typed })!.effects).toContainEqual({
        type: "setExemption",
        reason: null,
      });
      const plain = run(ctx("device"), { kind: "text", text: typed })!;
      expect(plain.effects).toEqual([]);
      expect(JSON.stringify(plain.replies)).toContain(journeyCopy.exemption.notExempt);
    },
  );

  it.each(["できた", "おわた", "終わりました"])(
    "「%s」 alone asks which step, with the step buttons; nothing recorded",
    (typed) => {
      const result = run(ctx("registered", { registered: at(0) }), { kind: "text", text: typed })!;
      expect(result.effects).toEqual([]);
      expect(texts(result.replies)).toContain(journeyCopy.replies.pressedWhich);
      expect(labels(result.replies)[0]).toBe(journeyCopy.steps.applied.report);
    },
  );

  it("「ありました！迷惑メールのフォルダに入ってました」 is the mail found, not a search for it", () => {
    const result = run(ctx("linkSent", LINK_SENT_AT), {
      kind: "text",
      text: "ありました！迷惑メールのフォルダに入ってました",
    })!;
    expect(texts(result.replies)).toContain("リンクを押してください");
  });

  it.each([
    "登録ボタンを押した。でもメールが来ない",
    "完了しましたって出ないんですけど",
    "押しました。でもメールが来ない",
    "登録ボタンを押しました。メールはいつ来ますか？",
    "アカウントはつくってないとおもう",
    "カードリーダーを買いに行きます",
    "承認されないまま10日です",
    "利用開始申請をしたいです",
    "運用開始日を来月入れる予定です",
    "アプリは入れましたがログインできません",
  ])(
    "a report followed by a trouble, or a screen that did not show it, is left to the FAQ: 「%s」",
    (typed) => {
      expect(run(ctx(null), { kind: "text", text: typed })).toBeNull();
    },
  );

  it("is idempotent: the same step again records nothing and says when it was recorded", () => {
    const result = run(ctx("linkSent", LINK_SENT_AT), postback("journey.report", { step: "linkSent" }))!;
    expect(result.effects).toEqual([]);
    expect(texts(result.replies)).toContain("「登録ボタンを押した」は11月25日に記録済みです。");
    expect(texts(result.replies)).toContain("11月26日 10:00まで");
  });

  it("never moves backwards when an earlier step is reported", () => {
    const result = run(
      ctx("registered", { registered: at(0) }),
      postback("journey.report", { step: "device" }),
    )!;
    expect(result.effects).toEqual([]);
    expect(texts(result.replies)).toContain("いまは「メールのリンクで登録完了」まで進んでいます。");
    expect(labels(result.replies)[0]).toBe("利用開始申請をした");
  });

  it("ignores journey postbacks it does not know", () => {
    expect(run(ctx(null), postback("journey.report", { step: "nowhere" }))).toBeNull();
    expect(run(ctx(null), postback("journey.unknown"))).toBeNull();
  });
});

describe("journeyFeature › typed words", () => {
  const say = (c: FlowContext, text: string, state?: ConversationState) =>
    run(c, { kind: "text", text }, state);

  it.each([
    ["登録ボタンを押した", "linkSent", "device"],
    ["登録ボタン押しました！", "linkSent", "device"],
    ["登録完了しました", "registered", "device"],
    ["登録完了です", "registered", "device"],
    ["利用開始申請しました", "applied", "registered"],
    ["アプリをインストールしました", "appInstalled", "deviceRegistered"],
  ] as const)("「%s」 reports %s (from %s)", (text, step, from) => {
    const result = say(ctx(from), text)!;
    expect(result.effects).toContainEqual({ type: "advanceJourney", step });
  });

  it("a typed report of a later step that skips some is asked first; the button records it", () => {
    const asked = say(ctx("device"), "アプリをインストールしました")!;
    expect(asked.effects).toEqual([]);
    expect(texts(asked.replies)).toContain("「アプリを入れる」まで終わったということでよろしいですか");
    expect(labels(asked.replies)[0]).toBe("はい、そこまで終わった");
    const tapped = run(ctx("device"), postback("journey.report", { step: "appInstalled" }))!;
    expect(tapped.effects).toContainEqual({ type: "advanceJourney", step: "appInstalled" });
  });

  it("「メール届いた」 explains the link, its deadline, and records linkSent if it was not", () => {
    const waiting = say(ctx("linkSent", LINK_SENT_AT, new Date(at(1))), "メール届いた")!;
    expect(waiting.effects).toEqual([]);
    expect(texts(waiting.replies)).toContain("有効期限は11月26日 10:00まで");
    expect(labels(waiting.replies)).toEqual(["登録完了した", "メールが届かない"]);
    const fresh = say(ctx("registering"), "メールが届きました")!;
    expect(fresh.effects).toContainEqual({ type: "advanceJourney", step: "linkSent" });
  });

  it("「メール届いた」 after the deadline says it expired and offers やり直す", () => {
    const result = say(ctx("linkSent", LINK_SENT_AT, new Date(at(30))), "メールが来た")!;
    expect(result.effects).toEqual([]);
    expect(texts(result.replies)).toContain("過ぎています");
    expect(labels(result.replies)).toContain("やり直す");
  });

  it("「メールが届かない」 gives the checks, the typed address and the call centre", () => {
    const state = { ...INITIAL_STATE, answers: { email: "saiseitaro@gmail.com" } };
    const result = say(ctx("linkSent", LINK_SENT_AT), "メールが届かないんですが", state)!;
    const all = texts(result.replies);
    expect(result.effects).toEqual([]);
    expect(all).toContain("迷惑メール");
    expect(all).toContain("saiseitaro@gmail.com");
    expect(all).toContain("0800-080-4583");
    expect(all).toContain("8:00〜18:00");
    expect(say(ctx(null), "メール来ない")!.replies.length).toBe(2);
  });

  it.each([
    ["アプリは入れたんだけどこれで終わり？", "appInstalled"],
    ["いやだからアプリはもう入れたって", "appInstalled"],
    ["院長の携帯に届いてました。押したら完了って出ました", "registered"],
    ["院長が申請したそうです", "applied"],
    ["事務の者が登録ボタンを押しました", "linkSent"],
    ["ちゃんと登録できてたと思います", "registered"],
  ] as const)("reads 「%s」 as the report of %s", (text, step) => {
    expect(journeyFeature.reportedStep?.(text)).toBe(step);
  });

  it("「今度はきました！」 is the mail to a member waiting for it (the button pressed, or 「メールが来ない」 said today)", () => {
    const waiting = say(ctx("linkSent", LINK_SENT_AT, new Date(at(1))), "今度はきました！")!;
    expect(texts(waiting.replies)).toContain("有効期限は11月26日 10:00まで");
    expect(say(ctx(null), "今度はきました！")).toBeNull();
    expect(say(ctx("registered"), "ありました")).toBeNull();
    const told = say(ctx(null), "メールが来ない")!;
    const arrived = say(ctx(null), "今度はきました！", told.state)!;
    expect(arrived.effects).toContainEqual({ type: "advanceJourney", step: "linkSent" });
    expect(arrived.state.scratch?.mailMissingAt).toBeUndefined();
    expect(say(ctx(null, {}, new Date(at(25))), "きました", told.state)).toBeNull();
  });

  it("the journey's own turn settles the exemption's condition; only asking it again keeps it", () => {
    const asked = say(ctx(null), "わたし78歳ですがやらないといけませんか")!;
    expect(asked.state.scratch?.exemptCheck).toBe("age70");
    const reported = say(ctx(null), "登録完了しました", asked.state)!;
    expect(reported.state.scratch?.exemptCheck).toBeUndefined();
    const card = run(ctx(null), postback("journey.progress"), asked.state)!;
    expect(card.state.scratch?.exemptCheck).toBe("age70");
    const again = say(ctx(null), "わしは78だからやらんでいいんだな", asked.state)!;
    expect(again.state.scratch?.exemptCheck).toBe("age70");
    expect(again.state.scratch?.exemptAsked).not.toBe(asked.state.scratch?.exemptAsked);
    const settled = say(ctx(null), "ひとりです", again.state)!;
    expect(settled.effects).toContainEqual({ type: "setExemption", reason: "age70" });
    expect(settled.state.scratch?.exemptCheck).toBeUndefined();
  });

  it.each([
    "登録ボタンはどこ？",
    "登録完了？",
    "登録完了していません",
    "こんにちは",
    "リンクの有効期限は？",
    "申請したいのですが",
    "むすめにやってもらいましたが ちゃんとおわっているか しんぱいです",
    "先生がきました",
    "かんりょうメール きた",
  ])("leaves 「%s」 to the FAQ", (text) => {
    expect(say(ctx("linkSent", LINK_SENT_AT), text)).toBeNull();
  });
});

describe("journeyFeature › やり直す", () => {
  it("goes back to registering only once the link expired, cancelling the link reminders", () => {
    const result = run(ctx("linkSent", LINK_SENT_AT, new Date(at(24))), postback("journey.redo"))!;
    expect(result.effects).toEqual([
      { type: "cancelReminders", kinds: ["linkExpiring", "linkExpired"] },
      { type: "advanceJourney", step: "registering" },
    ]);
    expect(labels(result.replies)[0]).toBe("登録ボタンを押した");
  });

  it("refuses while the link is still valid, and when there is nothing to undo", () => {
    const early = run(ctx("linkSent", LINK_SENT_AT, new Date(at(3))), postback("journey.redo"))!;
    expect(early.effects).toEqual([]);
    expect(texts(early.replies)).toContain("まだ有効です");
    expect(run(ctx("registered"), postback("journey.redo"))!.effects).toEqual([]);
  });
});

describe("journey reminders", () => {
  it.each(["linkExpiring", "linkExpired", "applyStart", "startDate"] as const)(
    "%s is a valid push with quick replies",
    (kind) => {
      const messages = reminderMessages(journeyCopy, kind);
      expect(validateMessages(messages)).toEqual([]);
      expect(labels(messages).length).toBeGreaterThan(0);
    },
  );

  it("the expiry reminder quotes the call centre and invents no procedure", () => {
    const all = texts(reminderMessages(journeyCopy, "linkExpired"));
    expect(all).toContain("0800-080-4583");
    expect(all).toContain("土 8:00〜16:00");
    expect(labels(reminderMessages(journeyCopy, "linkExpired"))).toEqual([
      "登録完了した",
      "やり直す",
      "担当者に聞く",
    ]);
  });

  it("knows when a reminder is no longer wanted", () => {
    expect(isReminderObsolete("linkExpiring", "linkSent")).toBe(false);
    expect(isReminderObsolete("linkExpiring", "registered")).toBe(true);
    expect(isReminderObsolete("linkExpired", "registering")).toBe(true);
    expect(isReminderObsolete("applyStart", "registered")).toBe(false);
    expect(isReminderObsolete("applyStart", "appInstalled")).toBe(true);
    expect(isReminderObsolete("startDate", "appInstalled")).toBe(false);
    expect(isReminderObsolete("startDate", "started")).toBe(true);
    expect(isReminderObsolete("startDate", "appInstalled", true)).toBe(true);
    expect(isReminderObsolete("nudge.portal", "portal")).toBe(false);
    expect(isReminderObsolete("nudge.portal", "registering")).toBe(true);
  });

  it("formats dates in Japan time", () => {
    expect(formatDate("2026-11-24T15:00:00.000Z")).toBe("11月25日");
    expect(formatDateTime("2026-12-31T15:05:00.000Z")).toBe("1月1日 00:05");
  });
});
