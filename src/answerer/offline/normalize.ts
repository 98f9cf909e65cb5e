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
  /** On-readings of single kanji ("漢よみ,よみ …"): a wrong IME conversion is read back to the known word. */
  kanjiReadings?: string;
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
  // Several words may share a reading, one of them a member's typo kept in a phrasing (補助禁 and
  // 補助金): the word more of the knowledge's compounds are built on is the one meant.
  const surfaces = (tables.readings ?? []).map(([surface]) => foldText(surface ?? ""));
  const compounds = (word: string) => surfaces.filter((x) => x.includes(word)).length;
  const candidates = new Map<string, string[]>();
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
      if (word && usable && folded !== word)
        candidates.set(folded, [...(candidates.get(folded) ?? []), word]);
    }
  }
  const spelled = new Map<string, string>();
  for (const [folded, words] of candidates) {
    if (words.length === 1) {
      spelled.set(folded, words[0]!);
      continue;
    }
    // Each candidate counted once (the count scans every surface).
    const counted = words.map((word) => ({ word, n: compounds(word) }));
    spelled.set(folded, counted.reduce((a, b) => (b.n > a.n ? b : a)).word);
  }
  const readingPattern = alternation(spelled.keys());
  const misconverted = createMisconversionReader(tables.kanjiReadings, spelled);
  return function normalize(text: string): string {
    let s = foldText(text);
    if (misconverted) s = misconverted(s);
    if (readingPattern) s = s.replace(readingPattern, (k) => spelled.get(k) ?? k);
    if (synonymPattern) s = s.replace(synonymPattern, (w) => concept.get(w) ?? w);
    if (fillerPattern) s = s.replace(fillerPattern, "");
    return s;
  };
}

const KANJI_RUN = /(\p{Script=Han}+)(\p{Script=Hiragana}*)/gu;
/** Longest kanji span read back, and most readings tried for one span (bounds the work per question). */
const MAX_SPAN = 5;
const MAX_READINGS = 128;

/**
 * A kanji run the knowledge never writes, read kanji by kanji (on-readings), that sounds exactly like a
 * word it does write is that word mistyped by the IME: 「雲用」→うんよう→運用, 「資格核にん」→確認,
 * 「性諾通知書」→承諾, 「短末」→端末. Voiced marks are folded, so 「保所金」 meets 補助金.
 */
function createMisconversionReader(
  table: string | undefined,
  spelled: Map<string, string>,
): ((folded: string) => string) | null {
  if (!table || spelled.size === 0) return null;
  const readings = new Map<string, string[]>();
  for (const item of table.split(" ")) {
    const [k, ...rest] = Array.from(item);
    if (!k) continue;
    const variants = new Set<string>();
    for (const r of rest.join("").split(",")) {
      const f = foldText(r);
      if (!f) continue;
      variants.add(f);
      // A reading cut short before the next kanji (学 がく → 学校 がっこう): っ folds to つ.
      if (/[くつちき]$/u.test(f)) variants.add(`${f.slice(0, -1)}つ`);
    }
    readings.set(k, [...variants]);
  }
  // Every kanji span of the words the knowledge writes: such a span is not a typo.
  const known = new Set<string>();
  for (const word of spelled.values())
    for (const run of word.match(/\p{Script=Han}+/gu) ?? []) {
      const c = Array.from(run);
      for (let i = 0; i < c.length; i++)
        for (let j = i + 1; j <= c.length; j++) known.add(c.slice(i, j).join(""));
    }
  const readingsOf = (span: string[]): string[] => {
    let out = [""];
    for (const k of span) {
      const rs = readings.get(k);
      if (!rs) return [];
      out = out.flatMap((o) => rs.map((r) => o + r));
      if (out.length > MAX_READINGS) return [];
    }
    return out;
  };
  const readBack = (run: string, kana: string): string => {
    if (known.has(run)) return run + kana;
    const c = Array.from(run);
    for (let i = 0; i < c.length; i++)
      for (let j = Math.min(c.length, i + MAX_SPAN); j > i; j--) {
        const span = c.slice(i, j);
        if (known.has(span.join(""))) continue;
        for (const r of readingsOf(span)) {
          // The run's last kanji may be followed by the rest of the word in kana (「核にん」).
          const tails = j === c.length ? Array.from(kana).length : 0;
          for (let t = tails; t >= 0; t--) {
            if (t === 0 && span.length < 2) continue;
            const typed = kana.slice(0, t);
            const word = spelled.get(r + typed);
            if (word) return c.slice(0, i).join("") + word + c.slice(j).join("") + kana.slice(typed.length);
          }
        }
      }
    return run + kana;
  };
  return (folded) => folded.replace(KANJI_RUN, (_, run: string, kana: string) => readBack(run, kana));
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
