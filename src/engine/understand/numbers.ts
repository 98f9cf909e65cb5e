// Kanji numerals as voice input writes them (「七十一歳」「十二月」「昭和三十年の五月」): 1 to 99 as digits.
// Only where a counter follows (歳・月・日・年…) in the FAQ, so words such as 一緒・一番 are left alone.

const KANJI_DIGIT = "〇一二三四五六七八九";
const NUMBER = "(?:[一二三四五六七八九]?十[一二三四五六七八九]?|[〇一二三四五六七八九]+)";
const KANJI_NUMBER = new RegExp(NUMBER, "gu");
const COUNTED = new RegExp(
  `${NUMBER}(?=歳|才|さい|月|日|年|時間|時|分|桁|けた|円|万|人|台|回|か月|ヶ月|カ月|週間)`,
  "gu",
);

/** Each kanji digit as its digit (「〇四八」→「048」), 十 and other characters kept. */
export const kanjiDigits = (s: string): string =>
  s.replace(/[〇一二三四五六七八九]/gu, (c) => String(KANJI_DIGIT.indexOf(c)));

function value(all: string): string {
  const ten = all.indexOf("十");
  if (ten < 0) return kanjiDigits(all);
  const tens = all.slice(0, ten);
  const ones = all.slice(ten + 1);
  return String((tens ? KANJI_DIGIT.indexOf(tens) : 1) * 10 + (ones ? KANJI_DIGIT.indexOf(ones) : 0));
}

/** Every kanji numeral as digits (for a text known to be about a number, such as an age). */
export const kanjiNumbers = (s: string): string => s.replace(KANJI_NUMBER, value);

/** Kanji numerals before a counter as digits (「十二月」→「12月」), others kept (「一緒」). */
export const countedKanjiNumbers = (s: string): string => s.replace(COUNTED, value);
