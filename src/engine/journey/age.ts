// A birth date or an age typed in answer to 「令和6年4月の時点で、全員70歳以上でしたか」: how old
// that person was in April 2024, when it can be told (「しょうわ29ねん8がつうまれです」 → 69).
// Pure; an answer that cannot be told (only a year, born in April, a bare 72 today) says so.

import { kanjiNumbers } from "../understand/numbers.js";

/** The month the condition is stated for: 令和6年（2024年）4月. */
const AT = { year: 2024, month: 4 };
const ERAS: Record<string, number> = { 昭和: 1925, しょうわ: 1925, 大正: 1911, たいしょう: 1911, 平成: 1988 };

export type AgeThen = { age: number } | { between: [number, number] } | null;

const digits = (s: string) => Number(s.normalize("NFKC"));
/** 「70歳以上」 repeats the condition; it is not anybody's age. */
const CONDITION = /70(?:歳|さい|才)?(?:以上|いじょう|超え|こえ)/gu;
const ERA = Object.keys(ERAS).join("|");
/** What may follow an age said without 歳 (「80だから」「72です」). */
const AGE_TAIL = "だから|なので|ですので|です|だ|になります|になる";
const BORN_IN_ERA = new RegExp(`(${ERA})(\\d{1,2}|元)(?:年|ねん)?(?:(\\d{1,2})月|(\\d{1,2})がつ)?`, "u");
const BORN_IN_YEAR = /(19\d{2})年?(?:(\d{1,2})月)?(?=.*(?:生|うまれ))/u;
const AGE_THEN = /(\d{2})(?:歳|さい|才)?(?:だった|でした)/u;
const AGE_NOW = [/(\d{2})(?:歳|さい|才)/u, new RegExp(`(\\d{2})(?:${AGE_TAIL})`, "u"), /^(?:\D*?)(\d{2})$/u];

/** The person's age in April 2024, or its two possible values, or null when the text holds neither. */
export function ageInApril2024(text: string, now: Date): AgeThen {
  const t = kanjiNumbers(text.normalize("NFKC"))
    .replace(/\s+/gu, "")
    .replace(/の(?=\d{1,2}月)/gu, "")
    .replace(CONDITION, "");
  const born = BORN_IN_ERA.exec(t) ?? BORN_IN_YEAR.exec(t);
  if (born) {
    const western = born[1]!.startsWith("19")
      ? digits(born[1]!)
      : ERAS[born[1]!]! + (born[2] === "元" ? 1 : digits(born[2]!));
    const monthText = born[1]!.startsWith("19") ? born[2] : (born[3] ?? born[4]);
    const month = monthText ? digits(monthText) : undefined;
    const before = AT.year - western; // age after the birthday in 2024
    if (month === undefined) return { between: [before - 1, before] };
    if (month === AT.month) return { between: [before - 1, before] };
    return { age: month < AT.month ? before : before - 1 };
  }
  // 「その時は69だったかな」: the age then, said as such.
  const then = AGE_THEN.exec(t);
  if (then) return { age: digits(then[1]!) };
  // 「72さいです」「わたしは75」: the age today; April 2024 was this many months ago.
  const age = AGE_NOW.map((pattern) => pattern.exec(t)).find((m) => m !== null);
  if (!age) return null;
  const today = digits(age[1]!);
  const monthsAgo = (now.getUTCFullYear() - AT.year) * 12 + (now.getUTCMonth() + 1 - AT.month);
  const yearsAgo = Math.floor(monthsAgo / 12);
  // Somebody aged `today` now was `today - yearsAgo` or one less, depending on the birthday.
  const high = today - yearsAgo;
  return monthsAgo % 12 === 0 ? { age: high } : { between: [high - 1, high] };
}

/** Each birth date or age in a text, as its own small text (for the youngest of several people). */
const MENTIONS = new RegExp(
  [
    `(?:${ERA})(?:\\d{1,2}|元)(?:年|ねん)?(?:\\d{1,2}(?:月|がつ))?`,
    "19\\d{2}年?(?:\\d{1,2}月)?(?:生|うまれ)",
    // 「今年80だ」 is an age; 「2024年80…」 and 「4月12日」 are not.
    `(?<![\\d月])(?<!(?<!今)年)\\d{2}(?:歳|さい|才|(?=だった|でした|${AGE_TAIL}))(?:だった|でした)?`,
  ].join("|"),
  "gu",
);

/**
 * The youngest of the people a text talks about (「わたしは80、もう一人は45歳」): one full-time
 * practitioner under 70 is enough for the condition to fail.
 */
export function youngestInApril2024(text: string, now: Date): AgeThen {
  const t = kanjiNumbers(text.normalize("NFKC"))
    .replace(/年の(?=\d{1,2}月)/gu, "年")
    .replace(CONDITION, "");
  const found = [...t.matchAll(MENTIONS)]
    .map((m) => ageInApril2024(m[0], now))
    .filter((a): a is NonNullable<AgeThen> => a !== null);
  if (found.length === 0) return null;
  const upper = (a: NonNullable<AgeThen>) => ("age" in a ? a.age : a.between[1]);
  return found.reduce((a, b) => (upper(b) < upper(a) ? b : a));
}
