// When a typed report says it happened (「11月10日ごろ登録完了しました」「3週間前に申請した」): a member
// coming back after weeks must not have the step recorded today, nor a 7-day reminder scheduled for a
// wait that is already over. Pure: the clock is passed in; Japan time, whatever the server's zone.

const DAY = 86_400_000;
/** The journey is weeks long: a day said further back than this is not when a step was done. */
const MAX_DAYS_BACK = 183;
const JST_OFFSET = 9 * 3_600_000;
const KANJI_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

/** 「三」「十二」「二十」 as a number; null for what is not one (「数日」 is not a date). */
function number(word: string): number | null {
  if (/^\d+$/u.test(word)) return Number(word);
  if (!/^[一二三四五六七八九十]+$/u.test(word)) return null;
  const [tens, ones] = word.includes("十") ? word.split("十") : ["", word];
  const t = word.includes("十") ? (tens ? (KANJI_DIGITS[tens] ?? 0) : 1) : 0;
  return t * 10 + (ones ? (KANJI_DIGITS[ones] ?? 0) : 0);
}

/** A calendar date (「11月10日」「11/10」), read at noon Japan time; 「…日で」 is a day chosen, not this. */
const ON_DATE = /(\d{1,2})(?:月|\/)(\d{1,2})日?(?:ごろ|頃|くらい|ぐらい)?(?![日\dで])/u;
/** 「3週間くらい前」「十日前」「2か月前」. */
const AGO =
  /(\d+|[一二三四五六七八九十]+)(日|週間|週|か月|ヶ月|カ月|かげつ)(?:くらい|ぐらい|ほど)?(?:前|まえ)/u;
const LAST_WEEK = /先週|せんしゅう/u;
const LAST_MONTH = /先月|せんげつ/u;
const DAYS_BACK: ReadonlyArray<[RegExp, number]> = [
  [/おととい|一昨日/u, 2],
  [/きのう|昨日/u, 1],
  [LAST_WEEK, 7],
  [LAST_MONTH, 30],
];

/**
 * The phrases saying when, for the report matcher to set aside (match.ts); きのう・おととい it already
 * drops with the other words of time.
 */
export const WHEN_PHRASES: readonly string[] = [ON_DATE, AGO, LAST_WEEK, LAST_MONTH].map((r) => r.source);

/** A day that could be when a step was done: before now, and not over half a year back. */
export function isPlausibleSaidAt(said: Date, now: Date): boolean {
  const age = now.getTime() - said.getTime();
  return age > 0 && age <= MAX_DAYS_BACK * DAY;
}

/**
 * The moment the text says the step happened, or null when it says none (or today, or a date that
 * cannot be right: in the future, or over half a year ago).
 */
export function saidAt(text: string, now: Date, { calendar = true } = {}): Date | null {
  const typed = text.normalize("NFKC");
  const jstNow = new Date(now.getTime() + JST_OFFSET);
  const on = calendar ? ON_DATE.exec(typed) : null;
  if (on) {
    const month = Number(on[1]);
    const day = Number(on[2]);
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    const year = jstNow.getUTCFullYear();
    // Noon in Japan: the day said, whatever the hour. 「12月28日」 said in January is last year's.
    const thisYear = Date.UTC(year, month - 1, day, 12) - JST_OFFSET;
    const at =
      thisYear > now.getTime() + DAY / 2 ? Date.UTC(year - 1, month - 1, day, 12) - JST_OFFSET : thisYear;
    // A day ahead, or half a year back, is a slip (「11月28日」 on the 25th), not when it was done.
    return now.getTime() - at > MAX_DAYS_BACK * DAY ? null : new Date(Math.min(at, now.getTime()));
  }
  const ago = AGO.exec(typed);
  if (ago) {
    const n = number(ago[1]!);
    if (n === null || n === 0) return null;
    const unit = ago[2]!;
    const days = unit === "日" ? n : unit.startsWith("週") ? n * 7 : n * 30;
    return days > MAX_DAYS_BACK ? null : new Date(now.getTime() - days * DAY);
  }
  for (const [words, days] of DAYS_BACK) if (words.test(typed)) return new Date(now.getTime() - days * DAY);
  return null;
}
