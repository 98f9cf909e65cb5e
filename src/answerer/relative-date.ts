// Dated facts say how they relate to today: an answer carries `{rel:2026-12}` (a month) or
// `{rel:2024-12-02}` (a day) after a date, and this fills it with 「（＝今月）」「（＝11か月前）」…
// from the clock, in Japan time, when the answer is sent — never frozen when the entry was written.

const JST_OFFSET = 9 * 3_600_000;
const DAY = 86_400_000;
const TOKEN = /\{rel:(\d{4})-(\d{2})(?:-(\d{2}))?\}/g;

function jstParts(now: Date) {
  const d = new Date(now.getTime() + JST_OFFSET);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function spanOfMonths(n: number): string {
  const years = Math.floor(n / 12);
  const months = n % 12;
  if (years === 0) return `${months}か月`;
  return months === 0 ? `${years}年` : `${years}年${months}か月`;
}

/** 「（＝今月）」「（＝来月）」「（＝3か月前）」 for a month; days for a day within a month. */
export function relativeToToday(year: number, month: number, day: number | null, now: Date): string {
  const today = jstParts(now);
  if (day !== null) {
    const diff = Math.round(
      (Date.UTC(year, month - 1, day) - Date.UTC(today.y, today.m - 1, today.day)) / DAY,
    );
    if (diff === 0) return "（＝今日）";
    if (diff === 1) return "（＝明日）";
    if (diff === -1) return "（＝昨日）";
    if (Math.abs(diff) <= 31) return `（＝${Math.abs(diff)}日${diff > 0 ? "後" : "前"}）`;
  }
  const months = (year - today.y) * 12 + (month - today.m);
  if (months === 0) return "（＝今月）";
  if (months === 1) return "（＝来月）";
  if (months === -1) return "（＝先月）";
  return `（＝${spanOfMonths(Math.abs(months))}${months > 0 ? "後" : "前"}）`;
}

/** Fills every `{rel:…}` of an answer for `now`. */
export function fillRelativeDates(answer: string, now: Date): string {
  return answer.replace(TOKEN, (_whole, y: string, m: string, d?: string) =>
    relativeToToday(Number(y), Number(m), d ? Number(d) : null, now),
  );
}

/** True when every `{…}` in the text is a well-formed date token (checked for the FAQ at load). */
export function hasOnlyDateTokens(answer: string): boolean {
  return answer.replace(TOKEN, "").match(/\{[^}]*\}/) === null;
}
