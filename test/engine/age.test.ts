// How old someone was in April 2024 (the 70-year exemption's date), from what members type.
import { describe, expect, it } from "vitest";
import { ageInApril2024, youngestInApril2024 } from "../../src/engine/journey/age.js";

const NOW = new Date("2026-12-01T03:00:00.000Z");

describe("ageInApril2024", () => {
  it.each([
    ["しょうわ29ねん8がつうまれです", { age: 69 }],
    ["院長は昭和29年5月生まれです。わたしは受付で施術者じゃないです", { age: 69 }],
    ["昭和29年3月生まれ", { age: 70 }],
    ["1950年3月生まれ", { age: 74 }],
    ["昭和27年生まれ", { between: [71, 72] }],
    ["昭和29年4月生まれ", { between: [69, 70] }],
    ["その時は69だったかな", { age: 69 }],
    // An age today: April 2024 was 2 years 8 months before 2026-12, so 72 today was 69 or 70 then.
    ["わたしは72さいです", { between: [69, 70] }],
    ["７５歳", { between: [72, 73] }],
    // 「70歳以上」 is the condition repeated, not the age.
    ["わたしは80だから70歳以上です", { between: [77, 78] }],
  ])("「%s」 → %j", (typed, expected) => {
    expect(ageInApril2024(typed, NOW)).toEqual(expected);
  });

  it.each(["当てはまります", "わからない", "施術者は2人です", ""])("「%s」 holds no age", (typed) => {
    expect(ageInApril2024(typed, NOW)).toBeNull();
  });

  it("of several people, the youngest decides (one full-time practitioner under 70 is enough)", () => {
    expect(youngestInApril2024("わたしは80、もう一人は45歳の先生です", NOW)).toEqual({ between: [42, 43] });
    expect(youngestInApril2024("常勤はわたし昭和20年生まれと息子45歳", NOW)).toEqual({ between: [42, 43] });
    expect(youngestInApril2024("しょうわ29ねん8がつうまれです", NOW)).toEqual({ age: 69 });
    // 「今年80」 is an age; a year before it (「2024年80」) is not 今年.
    expect(youngestInApril2024("わしは今年80だ", NOW)).toEqual({ between: [77, 78] });
    expect(youngestInApril2024("2024年80だった", NOW)).toBeNull();
  });
});

describe("kanji numerals as voice input writes them", () => {
  const now = new Date("2026-12-01T10:00:00+09:00");
  it.each([
    ["私は七十一歳ですが対象外でしょうか", { between: [68, 69] }],
    ["昭和三十年の五月生まれで今七十一です", { age: 68 }],
    ["小生七十五になりますが", { between: [72, 73] }],
  ])("「%s」", (typed, expected) => {
    expect(youngestInApril2024(typed, now)).toEqual(expected);
  });

  it("the youngest of two, one said in kanji (「わしは七十一、息子は四十です」)", () => {
    expect(youngestInApril2024("わしは七十一、息子は四十です", now)).toEqual({ between: [37, 38] });
  });
});
