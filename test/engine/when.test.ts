// When a typed report says it happened: read in Japan time from the text alone, or nothing.
import { describe, expect, it } from "vitest";
import { saidAt } from "../../src/engine/journey/when.js";

const NOW = new Date("2026-12-02T01:00:00.000Z"); // 10:00 JST
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("saidAt", () => {
  it.each([
    ["11月10日ごろ登録完了しました", "2026-11-10T03:00:00.000Z"],
    ["１１月１０日に登録完了", "2026-11-10T03:00:00.000Z"],
    ["11/10に登録した", "2026-11-10T03:00:00.000Z"],
    ["3週間くらい前に登録しました", "2026-11-11T01:00:00.000Z"],
    ["十日前に申請した", "2026-11-22T01:00:00.000Z"],
    ["2か月前に機器を買った", "2026-10-03T01:00:00.000Z"],
    ["きのう登録ボタンを押した", "2026-12-01T01:00:00.000Z"],
    ["おととい押した", "2026-11-30T01:00:00.000Z"],
    ["先週申請しました", "2026-11-25T01:00:00.000Z"],
  ])("「%s」 → %s", (said, at) => {
    expect(iso(saidAt(said, NOW))).toBe(at);
  });

  it.each([
    "登録完了しました",
    "今日登録しました",
    "12月10日で運用開始日を登録しました",
    "12月20日に登録完了しました", // ahead of today: a slip, not last year
    "1月5日に登録しました", // a year-old journey is not this one
    "13月40日に登録",
    "数日前に登録した",
  ])("「%s」 says no usable day", (said) => {
    expect(saidAt(said, NOW)).toBeNull();
  });

  it("「12月28日」 said in January is the December just gone", () => {
    expect(iso(saidAt("12月28日に登録完了しました", new Date("2027-01-05T01:00:00.000Z")))).toBe(
      "2026-12-28T03:00:00.000Z",
    );
  });

  it("with calendar off (the 運用開始日 report), only how long ago counts", () => {
    expect(saidAt("運用開始日を12月10日に登録しました", NOW, { calendar: false })).toBeNull();
    expect(iso(saidAt("きのう運用開始日を登録した", NOW, { calendar: false }))).toBe(
      "2026-12-01T01:00:00.000Z",
    );
  });
});
