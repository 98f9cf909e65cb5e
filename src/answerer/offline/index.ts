// The offline FAQ answerer: no network, precomputed at creation, never throws.
// Retrieval: normalized text → character n-grams and synonym concepts → TF-IDF cosine against each
// question variant (best variant wins) plus, with a lower weight, against the answer; scaled down when
// the entry never mentions the question's kanji and concepts (「会費はいくら」 is not about 補助金).
// A confidence threshold and a margin over the runner-up decide between a confident answer, a
// 「もしかして」 list, or nothing.
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
export const DEFAULT_THRESHOLDS: Thresholds = { confident: 0.15, lead: 0.8, suggest: 0.08 };

/** Under a direct answer, the runners-up scoring at least this share of it are offered as buttons. */
const RELATED_SHARE = 0.6;
const MAX_RELATED = 2;

/** Weight of the answer text relative to the best question variant. */
const ANSWER_WEIGHT = 0.35;
const MAX_CANDIDATES = 3;
/** Share of the score that depends on how much of the question's content the entry mentions at all (chosen on the tune half). */
const COVERAGE_WEIGHT = 0.7;

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

  function rank(question: string, limit = MAX_CANDIDATES): FaqMatch[] {
    const text = normalize(typeof question === "string" ? question : "");
    if (text.length === 0) return [];
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
    const matches: FaqMatch[] = entries.map((entry, i) => ({
      entry,
      score:
        ((best[i]! + ANSWER_WEIGHT * perAnswer[i]!) / (1 + ANSWER_WEIGHT)) *
        (1 - COVERAGE_WEIGHT + COVERAGE_WEIGHT * coverage(content, i)),
    }));
    return matches
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
