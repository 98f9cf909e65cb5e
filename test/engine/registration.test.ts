// Whole registration dialogs as plain function calls: a tiny driver feeds inputs to the flow,
// plays the runner's part for lookupRoster, and checks LINE's limits on every reply it collects.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FaqEntry, FaqLookup } from "../../src/answerer/types.js";
import type { FlowContext } from "../../src/engine/flow.js";
import { buildEngine } from "../../src/engine/index.js";
import { postbackData } from "../../src/engine/messages.js";
import { registrationFlow } from "../../src/engine/registration/index.js";
import {
  type ConversationState,
  INITIAL_STATE,
  type Input,
  type JourneyStep,
  type LineMessage,
  type StepResult,
} from "../../src/engine/types.js";

// ---- fake FAQ ---------------------------------------------------------------------------------
const ENTRIES: FaqEntry[] = [
  {
    id: "link-expiry",
    questions: ["リンクの有効期限は？"],
    answer: "登録用リンクの有効期限は24時間です。",
    source: { title: "説明会資料（埼玉県柔道整復師会 2024-02-12）" },
    label: "リンクの有効期限",
  },
  {
    id: "subsidy",
    questions: ["補助金はいくら？"],
    answer: "機器の補助金の上限は41,000円でした。",
    source: { title: "説明会資料", asOf: "2024-02-12" },
    label: "補助金",
  },
];
const faq: FaqLookup = {
  answer(q) {
    if (q.includes("有効期限")) return { kind: "confident", entry: ENTRIES[0]!, score: 0.9 };
    if (q.includes("補助金")) return { kind: "confident", entry: ENTRIES[1]!, score: 0.9 };
    return { kind: "none" };
  },
  byId: (id) => ENTRIES.find((e) => e.id === id),
};

const ctx = (journeyStep: JourneyStep | null = null): FlowContext => ({
  now: new Date("2026-05-01T00:00:00Z"),
  member: { userId: "U0123", journeyStep, journeyAt: {} },
  faq,
});

// ---- LINE limits ------------------------------------------------------------------------------
function walk(node: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const n of node) walk(n, visit);
  else if (node && typeof node === "object") {
    visit(node as Record<string, unknown>);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

function expectWithinLineLimits(result: StepResult): void {
  const { replies } = result;
  expect(replies.length).toBeLessThanOrEqual(5);
  replies.forEach((m, i) => {
    if (m.type === "text") expect(m.text.length).toBeLessThanOrEqual(5000);
    if (m.type === "flex") {
      expect(JSON.stringify(m.contents).length).toBeLessThan(30_000);
      expect(m.altText.length).toBeLessThanOrEqual(1500);
    }
    if (i < replies.length - 1)
      expect(m.quickReply, "quick replies only on the last message").toBeUndefined();
    expect(m.quickReply?.items?.length ?? 0).toBeLessThanOrEqual(13);
  });
  walk(replies, (o) => {
    if (typeof o.label === "string") expect([...o.label].length).toBeLessThanOrEqual(20);
    if (typeof o.data === "string") expect(o.data.length).toBeLessThanOrEqual(300);
    if (typeof o.clipboardText === "string") expect(o.clipboardText.length).toBeLessThanOrEqual(1000);
  });
  if (result.state.flow === "registration" && replies.length > 0)
    expect(replies.at(-1)?.quickReply, "in the flow the last message offers quick replies").toBeDefined();
}

// ---- driver -----------------------------------------------------------------------------------
/** The whole engine, as members meet the form: small talk and questions are read before the flow. */
const engine = buildEngine();

class Dialog {
  state: ConversationState;
  results: StepResult[] = [];
  constructor(
    private roster: Record<string, string | null> = {},
    state: ConversationState = INITIAL_STATE,
    private journey: JourneyStep | null = null,
  ) {
    this.state = state;
  }
  private take(result: StepResult): StepResult {
    expectWithinLineLimits(result);
    this.results.push(result);
    this.state = result.state;
    return result;
  }
  start(): StepResult {
    return this.take(registrationFlow.start(ctx(this.journey), this.state));
  }
  /** One input; a lookupRoster effect is answered at once, like the runner does, replies joined. */
  input(input: Input): StepResult {
    const first = this.take(engine(ctx(this.journey), this.state, input));
    const lookup = first.effects.find((e) => e.type === "lookupRoster");
    if (lookup?.type !== "lookupRoster") return first;
    const registrationNumber = lookup.registrationNumber;
    const clinicName = this.roster[registrationNumber] ?? null;
    const second = this.take(
      engine(ctx(this.journey), this.state, {
        kind: "rosterResult",
        registrationNumber,
        clinicName,
      }),
    );
    return { state: second.state, replies: [...first.replies, ...second.replies], effects: first.effects };
  }
  say = (text: string) => this.input({ kind: "text", text });
  tap = (action: string, params: Record<string, string> = {}) =>
    this.input({ kind: "postback", data: postbackData(action, params) });
  get answers() {
    return this.state.answers;
  }
}

const texts = (r: StepResult): string =>
  r.replies.map((m) => (m.type === "text" ? m.text : JSON.stringify(m))).join("\n");
const quickLabels = (r: StepResult): string[] =>
  r.replies.at(-1)?.quickReply?.items?.map((i) => (i.action as { label?: string }).label ?? "") ?? [];
const flexOf = (r: StepResult): LineMessage | undefined => r.replies.find((m) => m.type === "flex");

const ROSTER = { "協1101234-5-6": "埼玉接骨院" };

/** Up to the phone prompt with the briefing's example values. */
function upToPhone(d = new Dialog(ROSTER)): Dialog {
  d.start();
  d.say("埼玉");
  d.say("太郎");
  d.tap("reg.choice", { field: "affiliation", value: "1" });
  d.tap("reg.choice", { field: "agreementKind", value: "協" });
  d.say("110123456");
  d.tap("reg.clinic.yes");
  expect(d.state.step).toBe("phoneNumber");
  return d;
}

function upToConfirm(): Dialog {
  const d = upToPhone();
  d.say("０４８－６２５－１２１１");
  d.say("saiseitaro@gmail.com");
  expect(d.state.step).toBe("confirm");
  return d;
}

const EXPECTED = {
  familyName: "埼玉",
  givenName: "太郎",
  affiliation: "施術所（柔道整復）",
  agreementKind: "協",
  registrationDigits: "110123456",
  clinicName: "埼玉接骨院",
  phoneNumber: "0486251211",
  email: "saiseitaro@gmail.com",
};

describe("registrationFlow › a clean run", () => {
  it("walks the portal's fields in order, confirms, and hands over the copy sheet", () => {
    const d = new Dialog(ROSTER);
    const intro = d.start();
    expect(texts(intro)).toContain("3分");
    expect(texts(intro)).toContain("やめる");
    expect(texts(intro)).toContain("姓");
    expect(d.state).toMatchObject({ flow: "registration", step: "familyName" });

    expect(texts(d.say("埼玉"))).toContain("「名」");
    const affiliation = d.say("太郎");
    // The likeliest choice for this association's members first.
    expect(quickLabels(affiliation).slice(0, 3)).toEqual([
      "施術所（柔道整復）",
      "施術所（あん摩・はり・きゅう）",
      "健診実施機関等",
    ]);
    const kind = d.tap("reg.choice", { field: "affiliation", value: "1" });
    expect(texts(kind)).toContain("【協1101234-5-6】");
    expect(quickLabels(kind).slice(0, 2)).toEqual(["協", "契"]);
    expect(texts(d.tap("reg.choice", { field: "agreementKind", value: "協" }))).toContain("9桁");

    const looked = d.say("110123456");
    expect(looked.effects).toEqual([{ type: "lookupRoster", registrationNumber: "協1101234-5-6" }]);
    expect(texts(looked)).toContain("協1101234-5-6");
    expect(texts(looked)).toContain("埼玉接骨院");
    expect(quickLabels(looked).slice(0, 2)).toEqual(["はい", "ちがう"]);

    expect(texts(d.tap("reg.clinic.yes"))).toContain("電話番号");
    expect(texts(d.say("048-625-1211"))).toContain("メールアドレス");
    const confirm = d.say("saiseitaro@gmail.com");
    expect(texts(confirm)).toMatch(/8文字以上100文字以下/);
    const card = JSON.stringify(flexOf(confirm));
    for (const v of [
      "入力内容確認",
      "ポータルに入力する内容は以下のとおりです。",
      "所属機関選択",
      "協1101234-5-6",
      "0486251211",
      "この内容でOK",
      "修正する",
    ])
      expect(card).toContain(v);
    expect(d.answers).toEqual(EXPECTED);

    const done = d.tap("reg.ok");
    expect(done.effects).toEqual([
      { type: "saveRegistration", answers: EXPECTED },
      { type: "advanceJourney", step: "registering" },
    ]);
    expect(done.state).toEqual({ flow: "idle", answers: EXPECTED });
    const clipboard: string[] = [];
    walk(flexOf(done), (o) => {
      if (o.type === "clipboard") clipboard.push(o.clipboardText as string);
    });
    expect(clipboard).toEqual(["埼玉", "太郎", "110123456", "0486251211", "saiseitaro@gmail.com"]);
    expect(texts(done)).toContain("新規ユーザー登録はこちら");
    expect(texts(done)).toContain("24時間");
    const report = done.replies.at(-1)?.quickReply?.items?.map((i) => i.action);
    expect(report).toEqual([
      expect.objectContaining({
        label: "登録ボタンを押した",
        data: postbackData("journey.report", { step: "linkSent" }),
      }),
      expect.objectContaining({ label: "あとでやる", data: postbackData("reg.later") }),
    ]);
  });

  it("does not move the journey back when the member is already further", () => {
    const d = upToConfirm();
    const again = new Dialog(ROSTER, d.state, "linkSent");
    expect(again.tap("reg.ok").effects).toEqual([{ type: "saveRegistration", answers: EXPECTED }]);
  });

  it("offers the confirm card again on 「登録」 after finishing, and the sheet on reg.sheet", () => {
    const d = upToConfirm();
    d.tap("reg.ok");
    expect(texts(d.tap("reg.later"))).toContain("「登録」");
    expect(JSON.stringify(flexOf(d.tap("reg.sheet")))).toContain("コピー");
    const again = d.start();
    expect(d.state.step).toBe("confirm");
    expect(JSON.stringify(flexOf(again))).toContain("埼玉接骨院");
  });
  it("keeps the cards well under LINE's Flex limit with the longest accepted values", () => {
    const longest = {
      familyName: "長".repeat(20),
      givenName: "名".repeat(20),
      affiliation: "施術所（あん摩マッサージ指圧・はり・きゅう）" as const,
      agreementKind: "契" as const,
      registrationDigits: "012345678",
      clinicName: "院".repeat(60),
      phoneNumber: "09012345678",
      email: `${"a".repeat(64)}@${"b".repeat(60)}.example.co.jp`,
    };
    const d = new Dialog({}, { flow: "idle", answers: longest });
    expect(JSON.stringify(flexOf(d.start())).length).toBeLessThan(10_000);
    expect(JSON.stringify(flexOf(d.tap("reg.ok"))).length).toBeLessThan(10_000);
  });
});

describe("registrationFlow › rejections keep every other answer", () => {
  const cases: [string, string, RegExp][] = [
    ["name emoji only", "😀😀", /絵文字/],
    ["name digits only", "１２３", /数字だけ/],
    ["name too long", "あ".repeat(21), /20文字以内.*21文字/s],
    ["name empty", "「　」", /空/],
  ];
  it.each(cases)("姓: %s", (_, input, message) => {
    const d = new Dialog();
    d.start();
    const before = d.state;
    const r = d.say(input);
    expect(texts(r)).toMatch(message);
    expect(texts(r)).toContain("例）埼玉");
    expect(d.state).toEqual(before);
    d.say("埼玉");
    expect(d.answers.familyName).toBe("埼玉");
  });

  it("splits 「埼玉　太郎」 typed at 姓 into 姓 and 名", () => {
    const d = new Dialog();
    d.start();
    expect(texts(d.say("埼玉　太郎"))).toContain("所属機関");
    expect(d.answers).toEqual({ familyName: "埼玉", givenName: "太郎" });
  });

  const later: [string, string[], string, RegExp, string][] = [
    ["所属機関", ["太郎"], "病院", /ボタン/, "柔道整復"],
    ["① 協/契", ["太郎", "柔整"], "X", /「協」か「契」/, "契"],
    ["② 8 digits", ["太郎", "柔整", "協"], "11012345", /8桁/, "110123456"],
    ["② letters", ["太郎", "柔整", "協"], "11O123456", /数字以外/, "110123456"],
  ];
  it.each(later)("%s", (_, reach, bad, message, good) => {
    const d = new Dialog(ROSTER);
    d.start();
    d.say("埼玉");
    for (const t of reach) d.say(t);
    const before = d.state;
    const r = d.say(bad);
    expect(texts(r)).toMatch(message);
    expect(texts(r)).toMatch(/例）|例：|なら/);
    expect(d.state).toEqual(before);
    d.say(good);
    expect(d.state.step).not.toBe(before.step);
  });

  const tail: [string, string, RegExp][] = [
    ["phone too short", "048-625-121", /9桁/],
    ["phone letters", "048-625-abcd", /数字以外/],
    ["phone without 0", "486251211", /「0」/],
  ];
  it.each(tail)("電話番号: %s", (_, bad, message) => {
    const d = upToPhone();
    const before = d.state;
    const r = d.say(bad);
    expect(texts(r)).toMatch(message);
    expect(texts(r)).toContain("例）0486251211");
    expect(d.state).toEqual(before);
    d.say("+81 48 625 1211");
    expect(d.answers.phoneNumber).toBe("0486251211");
  });

  const mails: [string, RegExp][] = [
    ["saiseitaro.gmail.com", /「@」/],
    ["sai+taro@gmail.com", /使えない文字/],
    ["saiseitaro@gmail", /後ろ/],
    ["さいせい@gmail.com", /使えない文字/],
  ];
  it.each(mails)("メール: %s", (bad, message) => {
    const d = upToPhone();
    d.say("0486251211");
    const before = d.state;
    const r = d.say(bad);
    expect(texts(r)).toMatch(message);
    expect(texts(r)).toContain("saiseitaro@gmail.com");
    expect(d.state).toEqual(before);
    d.say(" ｓａｉｓｅｉｔａｒｏ＠ｇｍａｉｌ．ｃｏｍ ");
    expect(d.answers.email).toBe("saiseitaro@gmail.com");
  });
});

describe("registrationFlow › numbers, roster and mail case", () => {
  it("fills ① and ② from a whole number pasted at the ① prompt", () => {
    const d = new Dialog({ "契0123456-7-8": "さいたま整骨院" });
    d.start();
    d.say("埼玉");
    d.say("太郎");
    d.say("施術所（柔道整復）");
    const r = d.say("【契０１２３４５６－７－８】");
    expect(d.answers).toMatchObject({ agreementKind: "契", registrationDigits: "012345678" });
    expect(r.effects).toEqual([{ type: "lookupRoster", registrationNumber: "契0123456-7-8" }]);
    expect(d.state.step).toBe("clinicConfirm");
  });

  it("lets a whole number at the ② prompt override ①", () => {
    const d = new Dialog(ROSTER);
    d.start();
    d.say("埼玉");
    d.say("太郎");
    d.say("柔整");
    d.say("契");
    d.say("「協1101234ー5ー6」");
    expect(d.answers).toMatchObject({ agreementKind: "協", registrationDigits: "110123456" });
  });

  it("asks to type the clinic name when the roster has none, or when the member says ちがう", () => {
    const miss = new Dialog({});
    miss.start();
    for (const t of ["埼玉", "太郎", "柔整", "協", "110123456"]) miss.say(t);
    expect(miss.state.step).toBe("clinicName");
    miss.say("どこでも接骨院");
    expect(miss.answers.clinicName).toBe("どこでも接骨院");

    const wrong = new Dialog(ROSTER);
    wrong.start();
    for (const t of ["埼玉", "太郎", "柔整", "協", "110123456"]) wrong.say(t);
    expect(texts(wrong.say("ちがいます"))).toContain("施術所名を入力");
    wrong.say("さいたま第二接骨院");
    expect(wrong.answers.clinicName).toBe("さいたま第二接骨院");
    expect(wrong.state.scratch).toBeUndefined();
  });

  it("ignores a roster result for another number or arriving late", () => {
    const d = upToPhone();
    const r = d.input({ kind: "rosterResult", registrationNumber: "協1101234-5-6", clinicName: "別の院" });
    expect(r.replies).toEqual([]);
    expect(d.answers.clinicName).toBe("埼玉接骨院");
  });

  it("offers the lower-cased mail instead of a bare error", () => {
    const d = upToPhone();
    d.say("0486251211");
    const offer = d.say("SaiseiTaro@Gmail.com");
    expect(texts(offer)).toContain("saiseitaro@gmail.com");
    expect(quickLabels(offer)).toEqual(["はい", "入力しなおす"]);
    expect(d.answers.email).toBeUndefined();
    d.say("はい");
    expect(d.answers.email).toBe("saiseitaro@gmail.com");
    expect(d.state.step).toBe("confirm");
  });

  it("asks again when the member prefers to retype the mail", () => {
    const d = upToPhone();
    d.say("0486251211");
    d.say("SaiseiTaro@Gmail.com");
    expect(texts(d.tap("reg.mail.retry"))).toContain("メールアドレスを入力");
    expect(d.state.step).toBe("email");
  });
});

describe("registrationFlow › commands", () => {
  it("asks before cancelling; いいえ goes on, はい clears the answers", () => {
    const d = upToPhone();
    const answers = d.answers;
    const ask = d.say("やめる");
    expect(texts(ask)).toContain("入力内容は消えます");
    expect(quickLabels(ask)).toEqual(["はい、やめる", "いいえ、続ける"]);
    d.say("いいえ");
    expect(d.state.step).toBe("phoneNumber");
    expect(d.answers).toEqual(answers);
    d.say("キャンセル。");
    const done = d.tap("reg.cancel.yes");
    expect(texts(done)).toContain("消去しました");
    expect(d.state).toEqual({ flow: "idle", answers: {} });
  });

  it("goes back to the previous field showing its value, and 「そのまま」 keeps it", () => {
    const d = upToPhone();
    const back = d.say("戻って");
    expect(d.state.step).toBe("clinicName");
    expect(texts(back)).toContain("いまの入力：埼玉接骨院");
    expect(quickLabels(back)).toContain("そのまま");
    d.tap("reg.keep", { field: "clinicName" });
    expect(d.state.step).toBe("phoneNumber");
    expect(d.answers.clinicName).toBe("埼玉接骨院");
  });

  it("cannot go back before 姓", () => {
    const d = new Dialog();
    d.start();
    expect(texts(d.say("もどる"))).toContain("これより前の項目はありません");
    expect(d.state.step).toBe("familyName");
  });

  it("restarts only after confirmation", () => {
    const d = upToPhone();
    expect(texts(d.say("最初からやり直す"))).toContain("最初から入力しなおしますか");
    d.tap("reg.restart.no");
    expect(d.answers.clinicName).toBe("埼玉接骨院");
    d.say("はじめから");
    d.say("はい");
    expect(d.state).toEqual({ flow: "registration", step: "familyName", answers: {} });
  });

  it("explains the commands and the current field on 「ヘルプ」", () => {
    const d = new Dialog();
    d.start();
    d.say("埼玉");
    d.say("太郎");
    d.say("柔整");
    const help = d.say("ヘルプ");
    expect(texts(help)).toContain("「戻る」");
    expect(texts(help)).toContain("受領委任承諾通知書");
    expect(d.state.step).toBe("agreementKind");
  });

  it("corrects one field from the confirm card and comes straight back", () => {
    const d = upToConfirm();
    const pick = d.tap("reg.edit");
    expect(quickLabels(pick)).toContain("電話番号");
    const prompt = d.tap("reg.edit", { field: "phoneNumber" });
    expect(texts(prompt)).toContain("いまの入力：0486251211");
    const card = d.say("03-1234-5678");
    expect(d.state.step).toBe("confirm");
    expect(d.state.editing).toBeUndefined();
    expect(JSON.stringify(flexOf(card))).toContain("0312345678");
    expect(d.answers).toEqual({ ...EXPECTED, phoneNumber: "0312345678" });
  });

  it("re-checks the clinic name when the number is corrected", () => {
    const d = upToConfirm();
    d.tap("reg.edit");
    d.tap("reg.edit", { field: "agreementKind" });
    const r = d.tap("reg.choice", { field: "agreementKind", value: "契" });
    expect(r.effects).toEqual([{ type: "lookupRoster", registrationNumber: "契1101234-5-6" }]);
    expect(d.state.step).toBe("clinicName");
    d.tap("reg.keep", { field: "clinicName" });
    expect(d.state.step).toBe("confirm");
    expect(d.answers).toEqual({ ...EXPECTED, agreementKind: "契" });
  });

  it("offers to continue an unfinished attempt or start over", () => {
    const d = new Dialog(ROSTER, { flow: "idle", answers: { familyName: "埼玉", givenName: "太郎" } });
    const offer = d.start();
    expect(texts(offer)).toContain("8項目中2項目");
    expect(quickLabels(offer)).toEqual(["続きから", "最初から"]);
    expect(texts(d.tap("reg.resume"))).toContain("所属機関");
    const fresh = new Dialog(ROSTER, { flow: "idle", answers: { familyName: "埼玉" } });
    fresh.start();
    fresh.say("最初から");
    expect(fresh.state).toEqual({ flow: "registration", step: "familyName", answers: {} });
  });
});

describe("registrationFlow › what is not an answer", () => {
  it("answers a FAQ question mid-form with its source, then repeats the prompt", () => {
    const d = upToPhone();
    const before = d.state;
    const r = d.say("登録のリンクの有効期限はどのくらいですか？");
    expect(texts(r)).toContain("24時間");
    expect(texts(r)).toContain("出典：説明会資料（埼玉県柔道整復師会 2024-02-12）");
    expect(texts(r)).toContain("電話番号を入力");
    expect(d.state).toEqual(before);
    expect(texts(d.say("補助金はいくら"))).toContain("41,000円");
  });

  it("never stores an unanswered question as a value", () => {
    const d = new Dialog();
    d.start();
    const r = d.say("どこに書いてありますか？");
    expect(texts(r)).toContain("お答えできる情報がありませんでした");
    expect(texts(r)).toContain("「姓」を入力してください");
    expect(d.answers).toEqual({});
  });

  it("explains the password rule when asked, without asking for one", () => {
    const d = upToPhone();
    const r = d.say("パスワードは何文字ですか？");
    expect(texts(r)).toMatch(/英大文字・英小文字・数字/);
    expect(texts(r)).toMatch(/誕生日/);
    expect(d.state.step).toBe("phoneNumber");
  });

  it("asks for text when a sticker arrives", () => {
    const d = upToPhone();
    const before = d.state;
    const r = d.input({ kind: "nonText", messageType: "sticker" });
    expect(texts(r)).toContain("文字で入力してください");
    expect(texts(r)).toContain("電話番号を入力");
    expect(d.state).toBe(before);
  });

  it("refuses 5,000 emoji clearly and keeps the state", () => {
    const d = new Dialog();
    d.start();
    d.say("埼玉");
    const before = d.state;
    const r = d.say("😀".repeat(5000));
    expect(texts(r)).toContain("長すぎる");
    expect(texts(r)).not.toContain("😀");
    expect(d.state).toBe(before);
  });

  it("explains a stale button and shows the current prompt", () => {
    const d = upToPhone();
    const r = d.tap("reg.ok");
    expect(texts(r)).toContain("今は使えません");
    expect(texts(r)).toContain("電話番号を入力");
    expect(d.state.step).toBe("phoneNumber");
    const done = upToConfirm();
    done.tap("reg.ok");
    const late = done.tap("reg.ok");
    expect(late.effects).toEqual([]);
    expect(texts(late)).toContain("今は使えません");
  });

  const PASSWORDS = ["Abcd1234", "パスワードはSai01234です", "Ｘｙｚ９８７６５ab", "pass: Saitama2024!"];
  it("never echoes, stores or repeats a password sent at any step", () => {
    const d = new Dialog(ROSTER);
    const send = (i: number) => {
      const pw = PASSWORDS[i % PASSWORDS.length]!;
      const before = d.state;
      const r = d.say(pw);
      expect(texts(r)).toContain("保存も表示もしていません");
      expect(d.state).toBe(before);
    };
    d.start();
    send(0);
    d.say("埼玉");
    send(1);
    d.say("太郎");
    d.say("柔整");
    send(2);
    d.say("協");
    d.say("110123456");
    d.say("はい");
    d.say("0486251211");
    send(3);
    d.say("saiseitaro@gmail.com");
    send(0);
    d.tap("reg.ok");
    const everything = JSON.stringify(d.results);
    for (const pw of ["Abcd1234", "Sai01234", "Xyz98765", "Ｘｙｚ", "Saitama2024"])
      expect(everything).not.toContain(pw);
    expect(d.answers).toEqual(EXPECTED);
  });

  it("resume() gives the prompt of every step", () => {
    const d = upToConfirm();
    expect(registrationFlow.resume(ctx(), d.state)[0]?.type).toBe("flex");
    expect(registrationFlow.resume(ctx(), INITIAL_STATE)).toEqual([]);
    d.tap("reg.edit");
    expect(texts({ ...d.results.at(-1)!, replies: registrationFlow.resume(ctx(), d.state) })).toContain(
      "修正",
    );
  });
});

describe("registrationFlow › any input sequence", () => {
  const inputs: fc.Arbitrary<Input> = fc.oneof(
    fc.constantFrom<Input>(
      ...[
        "埼玉",
        "太郎",
        "柔整",
        "協",
        "110123456",
        "はい",
        "ちがう",
        "0486251211",
        "saiseitaro@gmail.com",
      ].map((text) => ({ kind: "text", text }) as const),
      ...[
        "やめる",
        "戻る",
        "最初から",
        "ヘルプ",
        "いいえ",
        "そのまま",
        "Abcd1234x",
        "Taro@Example.com",
        "？",
      ].map((text) => ({ kind: "text", text }) as const),
      ...[
        "reg.ok",
        "reg.edit",
        "reg.cancel.yes",
        "reg.cancel.no",
        "reg.restart.yes",
        "reg.later",
        "reg.sheet",
      ].map((a) => ({ kind: "postback", data: postbackData(a) }) as const),
      { kind: "postback", data: postbackData("reg.edit", { field: "email" }) },
      { kind: "postback", data: postbackData("reg.choice", { field: "affiliation", value: "7" }) },
      { kind: "postback", data: "a=constructor" },
      { kind: "nonText", messageType: "image" },
    ),
    fc.string({ unit: "grapheme", maxLength: 40 }).map((text): Input => ({ kind: "text", text })),
  );

  it("keeps LINE's limits, never throws and never stores the password", () => {
    fc.assert(
      fc.property(fc.array(inputs, { maxLength: 40 }), (sequence) => {
        const d = new Dialog(ROSTER);
        d.start();
        for (const input of sequence) d.input(input);
        expect(JSON.stringify(d.results)).not.toContain("Abcd1234x");
        expect(["idle", "registration"]).toContain(d.state.flow);
      }),
      { numRuns: 300 },
    );
  });
});
