// The offline FAQ answerer: no network, precomputed at creation, never throws.
// Retrieval: normalized text → character n-grams and synonym concepts → TF-IDF cosine against each
// question variant (best variant wins) plus, with a lower weight, against the answer; scaled down when
// the entry never mentions the question's kanji and concepts (「会費はいくら」 is not about 補助金).
// A confidence threshold and a margin over the runner-up decide between a confident answer, a
// 「もしかして」 list, or nothing.
import { GENERATED_READINGS } from "../../../flows/faq/readings.generated.js";
import { FILLERS, READINGS, SYNONYMS } from "../../../flows/faq/synonyms.js";
import type { FaqEntry, FaqLookup, FaqMatch, FaqResult } from "../types.js";
import { contentChars, createNormalizer, type NormalizerTables } from "./normalize.js";
import { CosineIndex, Idf, norm } from "./tfidf.js";

export interface Thresholds {
  /** Best score at or above which the answer is given outright… */
  confident: number;
  /** …provided it leads: the runner-up scores at most this share of it (0.8 = 80 %). */
  lead: number;
  /** Entries scoring at least this are offered as 「もしかして」 candidates. */
  suggest: number;
}

/** Tuned by `npm run eval:faq` on the `tune` half of test/faq-eval (grid search). */
export const DEFAULT_THRESHOLDS: Thresholds = { confident: 0.2, lead: 0.75, suggest: 0.16 };

/** Under a direct answer, the runners-up scoring at least this share of it are offered as buttons. */
const RELATED_SHARE = 0.6;
const MAX_RELATED = 2;

/** Weight of the answer text relative to the best question variant. */
const ANSWER_WEIGHT = 0.35;
const MAX_CANDIDATES = 3;
/** Share of the score that depends on how much of the question's content the entry mentions at all (chosen on the tune half). */
const COVERAGE_WEIGHT = 0.7;
/**
 * Share of the score that depends on the entry having the question's content words (「会費」,
 * 「駐車場」, 「資格確認書」): a question about something the entry never names is not its question.
 */
const WORD_COVERAGE_WEIGHT = 0.5;
/** A word the whole knowledge never uses weighs more: it is what the question is really about. */
const UNKNOWN_WORD_WEIGHT = 2;
const MAX_QUESTION = 600;
/** Where a member's sentence ends (「。」, 「？」, a line break, 「が、」 before the question). */
const SENTENCE_END = /[。．！!？?\n]+|(?<=が|けど|ので)、/u;
/** Shortest sentence tried on its own (folded characters). */
const MIN_SENTENCE = 6;
const WORDS = /[\p{Script=Han}々]{2,}|[\p{Script=Katakana}ー]{2,}|[A-Za-z]{3,}/gu;
/** Concept characters (synonym groups) stand alone; kanji runs between them are pieces. */
const PIECES = /(\p{Co})/u;
const CONCEPT_ONLY = /^\p{Co}$/u;
/** Words that say nothing about the topic (time, people, politeness). */
const GENERIC = new Set(
  [
    "今日",
    "明日",
    "昨日",
    "去年",
    "今年",
    "来年",
    "先日",
    "最近",
    "今回",
    "前回",
    "自分",
    "先生",
    "場合",
    "方法",
    "必要",
    "大丈夫",
    "本当",
    "一番",
    "全部",
    "簡単",
    "具体的",
    "可能",
    "質問",
    "相談",
    "心配",
    "不安",
    "今度",
    "以前",
    "最初",
    "途中",
    "先月",
    "今月",
    "来月",
    "何日",
    "何時",
    "何回",
    "何円",
    "何文字",
  ].map((w) => w),
);

export interface OfflineAnswerer extends FaqLookup {
  /** Entries by descending score (for the evaluation and the optional LLM phraser). */
  rank(question: string, limit?: number): FaqMatch[];
  readonly thresholds: Thresholds;
}

export type OfflineOptions = Partial<Thresholds> & Partial<NormalizerTables>;

/** Turns a ranking into a result; pure, so the evaluation can try thresholds without re-ranking. */
export function decide(ranked: readonly FaqMatch[], t: Thresholds): FaqResult {
  const [top, second] = ranked;
  if (!top || top.score < t.suggest) return { kind: "none" };
  if (top.score >= t.confident && (second?.score ?? 0) <= t.lead * top.score) {
    const related = ranked
      .slice(1)
      .filter((m) => m.score >= t.suggest && m.score >= RELATED_SHARE * top.score)
      .slice(0, MAX_RELATED)
      .map((m) => m.entry);
    return { kind: "confident", entry: top.entry, score: top.score, related };
  }
  const candidates = ranked.filter((m) => m.score >= t.suggest).slice(0, MAX_CANDIDATES);
  return { kind: "unsure", candidates: candidates.map((m) => m.entry) };
}

export function createOfflineAnswerer(entries: FaqEntry[], options: OfflineOptions = {}): OfflineAnswerer {
  const thresholds: Thresholds = {
    confident: options.confident ?? DEFAULT_THRESHOLDS.confident,
    lead: options.lead ?? DEFAULT_THRESHOLDS.lead,
    suggest: options.suggest ?? DEFAULT_THRESHOLDS.suggest,
  };
  const normalize = createNormalizer({
    synonyms: options.synonyms ?? [...SYNONYMS, ...READINGS],
    fillers: options.fillers ?? FILLERS,
    readings: options.readings ?? GENERATED_READINGS,
  });

  const variantTexts = entries.map((e) => e.questions.map(normalize));
  const answerTexts = entries.map((e) => normalize(e.answer));
  const idf = new Idf(entries.map((_, i) => [...variantTexts[i]!, answerTexts[i]!]));
  const variants = new CosineIndex();
  const answers = new CosineIndex();
  entries.forEach((_, i) => {
    for (const text of variantTexts[i]!) variants.add(i, idf.vector(text));
    answers.add(i, idf.vector(answerTexts[i]!));
  });
  const entryContent = entries.map((_, i) => contentChars([...variantTexts[i]!, answerTexts[i]!].join("")));
  const entryBlobs = entries.map((_, i) => [...variantTexts[i]!, answerTexts[i]!].join("\n"));
  const byId = new Map(entries.map((e) => [e.id, e]));

  /** idf-weighted share of the question's kanji and concepts that entry i mentions (1 when it has none). */
  function coverage(question: Set<string>, i: number): number {
    let all = 0;
    let found = 0;
    for (const c of question) {
      const w = idf.weight(c);
      all += w;
      if (entryContent[i]!.has(c)) found += w;
    }
    return all === 0 ? 1 : found / all;
  }

  /**
   * The question's content words (kanji runs, katakana and Latin words) as the index folds them,
   * each a concept or a run of two or more kanji: what the question is about, word by word.
   */
  function contentWords(raw: string): string[] {
    const found = raw.slice(0, MAX_QUESTION).normalize("NFKC").match(WORDS) ?? [];
    const pieces = new Set<string>();
    for (const word of found) {
      for (const piece of normalize(word).split(PIECES)) {
        if (piece.length === 0) continue;
        if (CONCEPT_ONLY.test(piece) || Array.from(piece).length >= 2) pieces.add(piece);
      }
    }
    return [...pieces].filter((p) => !GENERIC.has(p));
  }

  /**
   * For each entry, the weighted share of the question's content words it has (1 when the question
   * has none). A word the whole knowledge never uses weighs more. One scan per word, not per entry.
   */
  function wordCoverage(words: string[]): Float64Array {
    const out = new Float64Array(entries.length).fill(1);
    if (words.length === 0) return out;
    const found = new Float64Array(entries.length);
    let all = 0;
    for (const w of words) {
      const owners: number[] = [];
      for (let i = 0; i < entryBlobs.length; i++) if (entryBlobs[i]!.includes(w)) owners.push(i);
      const weight = owners.length > 0 ? 1 : UNKNOWN_WORD_WEIGHT;
      all += weight;
      for (const i of owners) found[i]! += weight;
    }
    for (let i = 0; i < out.length; i++) out[i] = found[i]! / all;
    return out;
  }

  /** Each entry's score for one piece of text. */
  function scores(question: string): Float64Array {
    const out = new Float64Array(entries.length);
    const text = normalize(question);
    if (text.length === 0) return out;
    const q = idf.vector(text);
    const qNorm = norm(q);
    const best = new Float64Array(entries.length);
    const perVariant = variants.cosines(q, qNorm);
    perVariant.forEach((s, d) => {
      const owner = variants.owners[d]!;
      if (s > best[owner]!) best[owner] = s;
    });
    const perAnswer = answers.cosines(q, qNorm);
    const content = contentChars(text);
    const covered = wordCoverage(contentWords(question));
    for (let i = 0; i < entries.length; i++)
      out[i] =
        ((best[i]! + ANSWER_WEIGHT * perAnswer[i]!) / (1 + ANSWER_WEIGHT)) *
        (1 - COVERAGE_WEIGHT + COVERAGE_WEIGHT * coverage(content, i)) *
        (1 - WORD_COVERAGE_WEIGHT + WORD_COVERAGE_WEIGHT * covered[i]!);
    return out;
  }

  function rank(question: string, limit = MAX_CANDIDATES): FaqMatch[] {
    if (typeof question !== "string") return [];
    const whole = question.slice(0, MAX_QUESTION);
    const best = scores(whole);
    // A message of several sentences (context, then the question): each sentence is tried too,
    // so the question is not drowned by the story around it.
    const sentences = whole.split(SENTENCE_END).filter((s) => normalize(s).length >= MIN_SENTENCE);
    if (sentences.length > 1)
      for (const sentence of sentences) {
        const own = scores(sentence);
        for (let i = 0; i < own.length; i++) if (own[i]! > best[i]!) best[i] = own[i]!;
      }
    return entries
      .map((entry, i) => ({ entry, score: best[i]! }))
      .filter((m) => m.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  return {
    thresholds,
    rank(question, limit) {
      try {
        return rank(question, limit);
      } catch {
        return [];
      }
    },
    answer(question) {
      try {
        return decide(rank(question, MAX_CANDIDATES + 1), thresholds);
      } catch {
        return { kind: "none" };
      }
    },
    byId: (id) => byId.get(id),
  };
}
