// Japanese-aware text normalization for retrieval: width, case and kana folding, synonyms, fillers.
// Members write the same question with full-width digits, katakana or hiragana, emoji and polite
// endings; all of that is folded away before character n-grams are taken.
import { toHiragana } from "../../engine/understand/normalize.js";

/** Longest input considered; members' questions are short, and this bounds the work per question. */
export const MAX_INPUT_CHARS = 600;

const NOT_WORD = /[^\p{L}\p{N}]+/gu;
/** Voiced and semi-voiced marks once decomposed, and small kana: what members drop or mistype (ほしょきん, ゆーさー). */
const KANA_MARKS = /[\u3099\u309a]/gu;
const SMALL_KANA: Record<string, string> = {
  ぁ: "あ",
  ぃ: "い",
  ぅ: "う",
  ぇ: "え",
  ぉ: "お",
  っ: "つ",
  ゃ: "や",
  ゅ: "ゆ",
  ょ: "よ",
  ゎ: "わ",
};
const SMALL = /[ぁぃぅぇぉっゃゅょゎ]/gu;

/**
 * NFKC, lower case, katakana → hiragana, voiced marks and small kana folded (a typed 「ほしょきん」 is
 * 「ほじょきん」), and every character that is not a letter or digit dropped (「ー」 and 「-」 alike).
 */
export function foldText(text: string): string {
  return toHiragana(text.slice(0, MAX_INPUT_CHARS).normalize("NFKC").toLowerCase())
    .normalize("NFD")
    .replace(KANA_MARKS, "")
    .normalize("NFC")
    .replace(SMALL, (c) => SMALL_KANA[c] ?? c)
    .replace(NOT_WORD, "");
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One regular expression trying the longest alternatives first, or null when there are none. */
function alternation(words: Iterable<string>): RegExp | null {
  const sorted = [...new Set(words)].filter((w) => w.length > 0).sort((a, b) => b.length - a.length);
  return sorted.length === 0 ? null : new RegExp(sorted.map(escapeRegExp).join("|"), "g");
}

export interface NormalizerTables {
  /** Kanji words and their kana readings: kana typed is read as the word (「ほじょきん」→「補助金」). */
  readings?: readonly (readonly string[])[];
  /** Groups of words meaning the same; the first of each group is what the others become. */
  synonyms: readonly (readonly string[])[];
  /** Polite fillers removed after synonyms are applied. */
  fillers: readonly string[];
}

/**
 * Kana that are grammar, not a word: a reading found inside one of these is not used (同意 「どうい」
 * would turn 「どういう」 into 「同意う」). Folded, as foldText leaves them.
 */
const GRAMMAR = [
  "どういう",
  "どういった",
  "いつまで",
  "いつから",
  "いつごろ",
  "どうして",
  "どうやって",
  "どこで",
  "なんで",
  "ですか",
  "ません",
  "ください",
  "いいですか",
  "でしょうか",
  "ところ",
  "ということ",
  "わたし",
  "わたくし",
  "あたし",
].map((g) => foldText(g));

/** Shortest folded reading read as a word. */
const MIN_READING = 3;

/** First private-use code point: each synonym group becomes one such character, a single "word". */
const CONCEPT_BASE = 0xe000;

/**
 * Builds the normalizer once (regular expressions compiled at creation, not per question).
 * Every spelling of a synonym group becomes one private-use character, so a long word like
 * スマートフォン weighs as much as スマホ: one concept, not a dozen n-grams.
 */
export function createNormalizer(tables: NormalizerTables): (text: string) => string {
  const concept = new Map<string, string>();
  let next = CONCEPT_BASE;
  for (const group of tables.synonyms) {
    const head = foldText(group[0] ?? "");
    if (!head) continue;
    const token = concept.get(head) ?? String.fromCharCode(next++);
    for (const word of group) {
      const folded = foldText(word);
      if (folded && !concept.has(folded)) concept.set(folded, token);
    }
  }
  const synonymPattern = alternation(concept.keys());
  const fillerPattern = alternation(tables.fillers.map(foldText));
  const spelled = new Map<string, string>();
  for (const [surface, ...kana] of tables.readings ?? []) {
    const word = foldText(surface ?? "");
    for (const k of kana) {
      const folded = foldText(k);
      // Two folded kana are too short to stand for a word, and a verb stem ending in っ folds into
      // common words (入っ「はいっ」 → 「はいつ」 would swallow 「…はいつまで」).
      const usable =
        Array.from(folded).length >= MIN_READING &&
        !/っ$/u.test(toHiragana(k)) &&
        !GRAMMAR.some((g) => g.includes(folded));
      if (word && usable && folded !== word && !spelled.has(folded)) spelled.set(folded, word);
    }
  }
  const readingPattern = alternation(spelled.keys());
  return function normalize(text: string): string {
    let s = foldText(text);
    if (readingPattern) s = s.replace(readingPattern, (k) => spelled.get(k) ?? k);
    if (synonymPattern) s = s.replace(synonymPattern, (w) => concept.get(w) ?? w);
    if (fillerPattern) s = s.replace(fillerPattern, "");
    return s;
  };
}

const SINGLE = /[\p{Script=Han}\p{Co}]/u;
const CONCEPT = /^\p{Co}$/u;

/** Whether an n-gram is one whole synonym concept (weighted more than a character n-gram). */
export const isConcept = (gram: string): boolean => CONCEPT.test(gram);

/** Character bi- and tri-grams, plus single kanji and concepts (協, 契 carry meaning alone); a lone character stands for itself. */
export function charGrams(text: string): string[] {
  const chars = Array.from(text);
  if (chars.length === 1) return chars;
  const grams: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (SINGLE.test(chars[i]!)) grams.push(chars[i]!);
    if (i + 1 >= chars.length) break;
    grams.push(chars[i]! + chars[i + 1]!);
    if (i + 2 < chars.length) grams.push(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  }
  return grams;
}

/** The distinct kanji and concept characters of a normalized text: what a question is about. */
export function contentChars(text: string): Set<string> {
  const chars = new Set<string>();
  for (const c of text) if (SINGLE.test(c)) chars.add(c);
  return chars;
}
