// The one normalizer for words the bot compares (commands, menu words, button labels typed, social
// turns, yes/no): full-width to half-width, lower case, no spaces, punctuation, symbols, emoji or
// long-vowel marks, and no polite tail (「登録したいです」→「登録したい」, 「メニューをお願いします」→「メニュー」).
// Both sides of every comparison go through it, so word lists in flows/ are written naturally.
// With the joiners and variation selectors of emoji sequences (「😮‍💨」「☺️」), which are not symbols themselves.
const DROPPED = /(?:[\s\p{P}\p{S}\u3000ー〜~]|\u200d|\ufe0e|\ufe0f|\u20e3)+/gu;
const POLITE_TAIL = /(を)?(お願いします|おねがいします|お願い|おねがい|ください|下さい|です|ですか|でした)$/u;

export function normalizeCommand(input: string): string {
  let s = input.normalize("NFKC").toLowerCase().replace(DROPPED, "");
  for (let i = 0; i < 2; i++) s = s.replace(POLITE_TAIL, "");
  return s;
}

/** A set of words as the normalizer folds them, built once. */
export const foldedSet = (words: readonly string[]): Set<string> =>
  new Set(words.map(normalizeCommand).filter((w) => w.length > 0));

const KATAKANA = /[\u30a1-\u30f6]/g;

/** Katakana as hiragana (「メール」→「めーる」), so the two spellings compare equal. */
export const toHiragana = (s: string): string =>
  s.replace(KATAKANA, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
