// What a member notices from the offline FAQ: right answers, honest "none", robustness, and the
// test half of the labelled questions meeting the targets with the answerer's default thresholds.
import { describe, expect, it } from "vitest";
import { FAQ_ENTRIES } from "../../flows/faq/index.js";
import { createOfflineAnswerer, DEFAULT_THRESHOLDS } from "../../src/answerer/offline/index.js";
import { loadEvalSet, measure, rankAll } from "../faq-eval/evaluate.js";

const faq = createOfflineAnswerer(FAQ_ENTRIES);

const confidentId = (q: string) => {
  const r = faq.answer(q);
  return r.kind === "confident" ? r.entry.id : r.kind;
};

describe("createOfflineAnswerer", () => {
  it.each([
    ["パスワードの条件を教えてください", "form-password"],
    ["登録用リンクの有効期限は何時間ですか", "link-24h"],
    ["コールセンターの電話番号を教えて", "callcentre"],
    ["電話番号はハイフンを入れますか？", "form-phone"],
    ["登録記号番号はどこに書いてありますか", "number-where"],
  ])("answers 「%s」 confidently with %s", (q, id) => {
    expect(confidentId(q)).toBe(id);
  });

  it.each(["明日の天気は？", "院の家賃の相談", "腰痛に効くストレッチ"])("finds nothing for 「%s」", (q) => {
    expect(faq.answer(q).kind).toBe("none");
  });

  it("offers at most three candidates when unsure", () => {
    const r = faq.answer("メールのこと");
    expect(r.kind).not.toBe("confident");
    if (r.kind === "unsure") expect(r.candidates.length).toBeLessThanOrEqual(3);
  });

  it("matches full-width, half-width katakana and hiragana spellings", () => {
    expect(confidentId("ＰＡＳＳＷＯＲＤの条件は？")).toBe("form-password");
    expect(confidentId("ﾊﾟｽﾜｰﾄﾞの条件")).toBe("form-password");
    expect(confidentId("ぱすわーどのじょうけん")).toBe("form-password");
    expect(confidentId("コールセンターの電話番号")).toBe(confidentId("こーるせんたーの電話番号"));
  });

  it("understands synonyms (助成金 = 補助金, スマホ = スマートフォン)", () => {
    expect(faq.rank("助成金の上限はいくら")[0]?.entry.id).toBe("subsidy-cap");
    expect(faq.rank("スマホで登録できる？")[0]?.entry.id).toBe("smartphone-ok");
  });

  it("never throws: empty, emoji, huge and odd inputs", () => {
    for (const q of ["", "   ", "😀".repeat(5000), "あ".repeat(100_000), "\u0000\uFFFF", "？？？"]) {
      expect(() => faq.answer(q)).not.toThrow();
    }
    expect(faq.answer("").kind).toBe("none");
    expect(faq.answer("😀".repeat(5000)).kind).toBe("none");
    expect(faq.answer(undefined as unknown as string).kind).toBe("none");
  });

  it("looks entries up by id", () => {
    expect(faq.byId("callcentre")?.answer).toContain("0800-080-4583");
    expect(faq.byId("nope")).toBeUndefined();
  });

  it("uses the thresholds tuned by npm run eval:faq unless told otherwise", () => {
    expect(faq.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(createOfflineAnswerer(FAQ_ENTRIES, { confident: 0.9 }).thresholds.confident).toBe(0.9);
  });
});

describe("FAQ evaluation, test half", () => {
  const { tune, test } = loadEvalSet();
  const m = measure(rankAll(faq, test), DEFAULT_THRESHOLDS);

  it("is a fair set: 160+ questions, 25+ without an answer, halves of similar size", () => {
    const all = [...tune, ...test];
    expect(all.length).toBeGreaterThanOrEqual(160);
    expect(all.filter((i) => i.expect === "none").length).toBeGreaterThanOrEqual(25);
    expect(Math.abs(tune.length - test.length)).toBeLessThanOrEqual(4);
    for (const i of all) if (i.expect !== "none") expect(faq.byId(i.expect), i.expect).toBeDefined();
  });

  it("ranks the right entry first for at least 90 % of answerable questions", () => {
    expect(m.top1).toBeGreaterThanOrEqual(0.9);
  });

  it("answers wrongly with confidence at most 2 % of the time", () => {
    expect(m.wrongConfident).toBeLessThanOrEqual(0.02);
  });
});
