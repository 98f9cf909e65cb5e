// The FAQ knowledge as data: validated at load, covering the briefing, dated where it must be.
import { describe, expect, it } from "vitest";
import { FAQ_ENTRIES } from "../../flows/faq/index.js";
import { defineFaq } from "../../flows/faq/schema.js";
import type { FaqEntry } from "../../src/answerer/types.js";

const all = FAQ_ENTRIES.map((e) => e.answer).join("\n");
const sample: FaqEntry = FAQ_ENTRIES[0]!;

describe("FAQ knowledge", () => {
  it("has at least 45 valid entries", () => {
    expect(FAQ_ENTRIES.length).toBeGreaterThanOrEqual(45);
    expect(() => defineFaq(FAQ_ENTRIES)).not.toThrow();
  });

  it("refuses duplicates, single variants, long labels and undated 時点-less answers", () => {
    expect(() => defineFaq([sample, sample])).toThrow(/重複/);
    expect(() => defineFaq([{ ...sample, questions: ["ひとつだけ"] }])).toThrow();
    expect(() => defineFaq([{ ...sample, label: "あ".repeat(21) }])).toThrow();
    expect(() => defineFaq([{ ...sample, answer: "あ".repeat(1001) }])).toThrow();
    expect(() =>
      defineFaq([{ ...sample, source: { title: "t", asOf: "2025-02-01" }, answer: "終了しました。" }]),
    ).toThrow(/時点/);
  });

  it("covers the briefing's facts", () => {
    for (const fact of [
      "41,000円",
      "新着情報",
      "施術所向け総合ポータルサイト",
      "新規ユーザー登録はこちら",
      "受領委任承諾通知書",
      "ハイフンなし",
      "英小文字",
      "8文字以上100文字以下",
      "入力内容確認",
      "24時間",
      "最大7日程度",
      "利用開始申請",
      "マイナ資格確認アプリ",
      "保険証の情報は入っていません",
      "0800-080-4583",
      "contact@iryohokenjyoho-portalsite.jp",
      "データ削除",
    ])
      expect(all, fact).toContain(fact);
  });

  it("dates every fact from beyond the briefing and says where it comes from", () => {
    const dated = FAQ_ENTRIES.filter((e) => e.source.asOf);
    expect(dated.length).toBeGreaterThanOrEqual(8);
    for (const e of dated) {
      expect(e.answer, e.id).toContain("時点");
      expect(e.source.title.length, e.id).toBeGreaterThan(0);
    }
  });
});
