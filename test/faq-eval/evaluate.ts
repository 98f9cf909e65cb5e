// The FAQ evaluation: a labelled set of member questions, metrics, and a threshold grid search.
// Shared by `npm run eval:faq` (scripts/eval-faq.ts) and test/answerer/offline.test.ts.
import { readFileSync } from "node:fs";
import { z } from "zod";
import {
  DEFAULT_THRESHOLDS,
  decide,
  type OfflineAnswerer,
  type Thresholds,
} from "../../src/answerer/offline/index.js";
import type { FaqMatch } from "../../src/answerer/types.js";

const itemSchema = z.object({ q: z.string(), expect: z.string().min(1) });
const setSchema = z.object({ tune: z.array(itemSchema), test: z.array(itemSchema) });
export type EvalItem = z.infer<typeof itemSchema>;

export function loadEvalSet(): { tune: EvalItem[]; test: EvalItem[] } {
  return setSchema.parse(JSON.parse(readFileSync(new URL("./questions.json", import.meta.url), "utf8")));
}

const heldOutSchema = z.object({
  about: z.string(),
  items: z.array(
    z.object({
      q: z.string(),
      intent: z.string(),
      expect: z.string().min(1),
      alsoOk: z.union([z.string(), z.array(z.string())]).optional(),
    }),
  ),
});
export type HeldOutItem = z.infer<typeof heldOutSchema>["items"][number];

/** The held-out set: written blind, labelled afterwards; report on it, never tune on it. */
export function loadHeldOut(): HeldOutItem[] {
  return heldOutSchema.parse(JSON.parse(readFileSync(new URL("./heldout.json", import.meta.url), "utf8")))
    .items;
}

export interface Outcomes {
  answerable: number;
  none: number;
  social: number;
  /** Answerable questions answered outright with the right entry (or its alsoOk). */
  directRight: number;
  /** Answerable questions where the right entry was offered at all (answer, related, 「もしかして」). */
  rightOffered: number;
  /** Direct answers that were wrong (wrong entry, or a question with no answer), over all questions. */
  wrongDirect: number;
  /** Questions with no answer that got "I don't know + a person". */
  honestNone: number;
  /** Small talk read as small talk by the interpreter. */
  socialRecognised: number;
}

/** What members would see for each held-out question, as the shipped answerer decides it. */
export function memberOutcomes(
  items: HeldOutItem[],
  answerer: OfflineAnswerer,
  interpreter: { social(raw: string): unknown; withoutOpeners(raw: string): string },
): Outcomes {
  let answerable = 0;
  let none = 0;
  let social = 0;
  let directRight = 0;
  let rightOffered = 0;
  let wrongDirect = 0;
  let honestNone = 0;
  let socialRecognised = 0;
  for (const item of items) {
    if (item.expect === "social") {
      social++;
      if (interpreter.social(item.q)) socialRecognised++;
      continue;
    }
    // As the engine does it: small talk first, then the question without its social opener.
    const result = interpreter.social(item.q)
      ? ({ kind: "none" } as const)
      : answerer.answer(interpreter.withoutOpeners(item.q));
    const also = typeof item.alsoOk === "string" ? [item.alsoOk] : (item.alsoOk ?? []);
    const ok = (id: string) => id === item.expect || also.includes(id);
    if (item.expect === "none") {
      none++;
      if (result.kind === "none") honestNone++;
      if (result.kind === "confident") wrongDirect++;
      continue;
    }
    answerable++;
    if (result.kind === "confident") {
      if (ok(result.entry.id)) directRight++;
      else wrongDirect++;
      if (ok(result.entry.id) || (result.related ?? []).some((e) => ok(e.id))) rightOffered++;
    } else if (result.kind === "unsure" && result.candidates.some((e) => ok(e.id))) rightOffered++;
  }
  return {
    answerable,
    none,
    social,
    directRight: ratio(directRight, answerable),
    rightOffered: ratio(rightOffered, answerable),
    wrongDirect: ratio(wrongDirect, answerable + none),
    honestNone: ratio(honestNone, none),
    socialRecognised: ratio(socialRecognised, social),
  };
}

export interface Ranked {
  item: EvalItem;
  ranked: FaqMatch[];
}

export function rankAll(answerer: OfflineAnswerer, items: EvalItem[]): Ranked[] {
  return items.map((item) => ({ item, ranked: answerer.rank(item.q, 4) }));
}

export interface Metrics {
  questions: number;
  answerable: number;
  /** First-ranked entry is the expected one, among answerable questions. */
  top1: number;
  /** Expected entry among the first three, among answerable questions. */
  top3: number;
  /** Confident answers that are wrong or should have been none, over all questions. */
  wrongConfident: number;
  /** Confident and right, among answerable questions. */
  confidentRight: number;
  /** Of the questions answered "none", how many really had no answer. */
  nonePrecision: number;
  /** Of the questions with no answer, how many were answered "none". */
  noneRecall: number;
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);

export function measure(results: Ranked[], t: Thresholds): Metrics {
  let answerable = 0;
  let top1 = 0;
  let top3 = 0;
  let wrongConfident = 0;
  let confidentRight = 0;
  let saidNone = 0;
  let saidNoneRightly = 0;
  let isNone = 0;
  for (const { item, ranked } of results) {
    const result = decide(ranked, t);
    const none = item.expect === "none";
    if (none) isNone++;
    else {
      answerable++;
      if (ranked[0]?.entry.id === item.expect) top1++;
      if (ranked.slice(0, 3).some((m) => m.entry.id === item.expect)) top3++;
    }
    if (result.kind === "confident") {
      if (result.entry.id === item.expect) confidentRight++;
      else wrongConfident++;
    }
    if (result.kind === "none") {
      saidNone++;
      if (none) saidNoneRightly++;
    }
  }
  return {
    questions: results.length,
    answerable,
    top1: ratio(top1, answerable),
    top3: ratio(top3, answerable),
    wrongConfident: ratio(wrongConfident, results.length),
    confidentRight: ratio(confidentRight, answerable),
    nonePrecision: ratio(saidNoneRightly, saidNone),
    noneRecall: ratio(saidNoneRightly, isNone),
  };
}

/** What a member gains (or loses) from one reply, used to rank threshold settings. */
function utility(results: Ranked[], t: Thresholds): number {
  let u = 0;
  for (const { item, ranked } of results) {
    const r = decide(ranked, t);
    const none = item.expect === "none";
    if (r.kind === "confident") u += r.entry.id === item.expect ? 1 : -4;
    else if (r.kind === "unsure")
      u += r.candidates.some((e) => e.id === item.expect) ? 0.3 : none ? -0.3 : -0.5;
    else u += none ? 1 : -0.5;
  }
  return u;
}

function steps(from: number, to: number, by: number): number[] {
  return Array.from(
    { length: Math.round((to - from) / by) + 1 },
    (_, i) => Math.round((from + i * by) * 1000) / 1000,
  );
}

/** Wrong confident answers tolerated while tuning (the target on test is 2 %). */
const MAX_WRONG_CONFIDENT = 0.02;
const GRID = {
  confident: steps(0.06, 0.5, 0.01),
  lead: steps(0.5, 0.95, 0.05),
  suggest: steps(0.04, 0.3, 0.01),
};

/**
 * Grid search on the given (tune) results only. Each setting is judged with its grid
 * neighbours (mean utility, worst wrong-confident rate), so the choice sits inside a safe plateau
 * rather than on the edge where the small tune set happens to make no mistake.
 */
export function tuneThresholds(results: Ranked[]): Thresholds {
  const cs = GRID.confident;
  const { lead: ms, suggest: ss } = GRID;
  const at = (a: number, b: number, c: number) => ({ confident: cs[a]!, lead: ms[b]!, suggest: ss[c]! });
  const grid = cs.map((_, a) =>
    ms.map((_, b) =>
      ss.map((_, c) => ({
        utility: utility(results, at(a, b, c)),
        wrong: measure(results, at(a, b, c)).wrongConfident,
      })),
    ),
  );
  let best: { t: Thresholds; score: number; safe: boolean } | null = null;
  for (let a = 0; a < cs.length; a++)
    for (let b = 0; b < ms.length; b++)
      for (let c = 0; c < ss.length; c++) {
        if (ss[c]! > cs[a]!) continue;
        const around = [-1, 0, 1].flatMap((da) =>
          [-1, 0, 1].flatMap((db) => [-1, 0, 1].map((dc) => grid[a + da]?.[b + db]?.[c + dc])),
        );
        const cells = around.filter((x) => x !== undefined);
        const score = cells.reduce((sum, x) => sum + x.utility, 0) / cells.length;
        const safe = cells.every((x) => x.wrong <= MAX_WRONG_CONFIDENT);
        if (!best || (safe && !best.safe) || (safe === best.safe && score > best.score + 1e-9))
          best = { t: at(a, b, c), score, safe };
      }
  return best?.t ?? DEFAULT_THRESHOLDS;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
