// What a member writes is scrubbed before it is kept for statistics: the ways people introduce
// themselves, names with honorifics, clinic names and the member's own stored values go; the
// question itself stays readable.
import { describe, expect, it } from "vitest";
import { scrubPersonal } from "../../src/engine/privacy.js";

describe("scrubPersonal", () => {
  it.each([
    ["鈴木花子です。リンクが届きません", "＊です。リンクが届きません"],
    ["こんにちは、鈴木です。申請画面が開けません", "こんにちは、＊です。申請画面が開けません"],
    ["私は佐藤です。パスワードを忘れました", "私は＊です。パスワードを忘れました"],
    ["桶狭間接骨院の織田です。補助金はいつ入りますか", "＊接骨院の＊です。補助金はいつ入りますか"],
    ["山田太郎と申します。登録の流れを教えてください", "＊と申します。登録の流れを教えてください"],
    ["名前は高橋です。メールが来ません", "名前は＊です。メールが来ません"],
    ["スズキです。", "＊です。"],
    ["事務の田中さんに聞きました", "事務の＊さんに聞きました"],
    ["連絡先は taro.yamada@example.jp か 048-625-9999 です", "連絡先は ＊ か ＊です"],
  ])("%s → %s", (input, expected) => {
    expect(scrubPersonal(input)).toBe(expected);
  });

  it("keeps questions that only end in です", () => {
    for (const question of [
      "大丈夫です。ありがとうございます",
      "補助金はいくらですか",
      "リンクが届かないです。",
      "初めてです。何から始めればいいですか",
      "担当者さんに聞きたいです",
    ])
      expect(scrubPersonal(question)).toBe(question);
  });

  it("removes the member's own stored values in any kana, and full-width digits", () => {
    const known = ["織田", "信長", "オダ", "ノブナガ", "桶狭間接骨院"];
    expect(scrubPersonal("おだのぶながと申す者ですが、電話は０４８６２５９９９９です", known)).toBe(
      "＊と申す者ですが、電話は＊です",
    );
    expect(scrubPersonal("ノブナガ宛てのメールが来ません", known)).toBe("＊宛てのメールが来ません");
  });
});
