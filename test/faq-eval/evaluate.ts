// The FAQ evaluation: a labelled set of member questions, metrics, and a threshold grid search.
// Shared by `npm run eval:faq` (scripts/eval-faq.ts) and test/answerer/offline.test.ts.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { faqEntries } from "../../flows/faq/index.js";
import { outsideTopics } from "../../flows/faq/outside.js";
import { FAQ_SIBLINGS } from "../../flows/faq/siblings.js";
import {
  createOfflineAnswerer,
  DEFAULT_MODEL_THRESHOLDS,
  DEFAULT_THRESHOLDS,
  decide,
  type Intent,
  intentAnswers,
  intentExamples,
  type ModelThresholds,
  type OfflineAnswerer,
  type Thresholds,
} from "../../src/answerer/offline/index.js";
import { loadIntentModel, trainIntentModel } from "../../src/answerer/offline/intent-model.js";
import type { FaqEntry, FaqMatch, FaqResult } from "../../src/answerer/types.js";

const itemSchema = z.object({
  q: z.string(),
  expect: z.string().min(1),
  alsoOk: z.union([z.string(), z.array(z.string())]).optional(),
});
const setSchema = z.object({ tune: z.array(itemSchema), test: z.array(itemSchema) });
export type EvalItem = z.infer<typeof itemSchema>;

/**
 * The dev questions: questions.json (written while building the answerer) and the members' dev set
 * (dev-members.json, written by a helper who saw the entries' answers), each split in halves:
 * thresholds are tuned on `tune` (with the blind set, see blindFolds), figures reported on `test`.
 * Small talk is the interpreter's, not the answerer's. The blind dev set is not here: its messages are
 * phrasings of the knowledge, so it is measured writer by writer (blindFolds).
 */
export function loadEvalSet(): { tune: EvalItem[]; test: EvalItem[] } {
  const own = setSchema.parse(JSON.parse(readFileSync(new URL("./questions.json", import.meta.url), "utf8")));
  const asked = (items: HeldOutItem[]) => items.filter((i) => i.expect !== "social");
  const members = asked(loadDevMembers());
  const half = (items: HeldOutItem[], parity: number) =>
    items
      .filter((_, n) => n % 2 === parity)
      .map(({ q, expect, alsoOk }) => ({ q, expect, ...(alsoOk === undefined ? {} : { alsoOk }) }));
  return {
    tune: [...own.tune, ...half(members, 0)],
    test: [...own.test, ...half(members, 1)],
  };
}

const heldOutSchema = z.object({
  about: z.string(),
  items: z.array(
    z.object({
      q: z.string(),
      intent: z.string(),
      expect: z.string().min(1),
      alsoOk: z.union([z.string(), z.array(z.string())]).optional(),
      writer: z.string().optional(),
    }),
  ),
});
export type HeldOutItem = z.infer<typeof heldOutSchema>["items"][number];

/** The members' dev set (answerable, "none" and "social" items): tuned on and read question by question. */
export function loadDevMembers(): HeldOutItem[] {
  return heldOutSchema.parse(JSON.parse(readFileSync(new URL("./dev-members.json", import.meta.url), "utf8")))
    .items;
}

/** The blind dev set: written from the sources only, as the held-out set was; tuned on and read question by question. */
export function loadDevBlind(): HeldOutItem[] {
  return heldOutSchema.parse(JSON.parse(readFileSync(new URL("./dev-blind.json", import.meta.url), "utf8")))
    .items;
}

/**
 * The blind dev set as cross-validation folds: each writer's messages with an answerer built without
 * them (flows/faq/blind-phrasings.generated.ts holds all four writers'), so every figure on it is one
 * on messages the answerer has not seen. `entriesFor` composes the knowledge for a fold (the
 * database's, for `eval:faq -- --db`); options are the answerer's (thresholds).
 */
export function blindFolds(
  options: Parameters<typeof createOfflineAnswerer>[1] = {},
  entriesFor: (withoutWriter: string) => FaqEntry[] = faqEntries,
): { writer: string; items: HeldOutItem[]; answerer: OfflineAnswerer }[] {
  const items = loadDevBlind();
  // Each writer is measured by an answerer that has only the other writers' messages.
  const writers = [...new Set(items.map((i) => i.writer ?? ""))];
  return writers.map((writer) => {
    const entries = entriesFor(writer);
    const outside = outsideTopics(writer);
    // The intent model too is trained without the writer's messages (~2 s a fold).
    const model =
      options.model === null
        ? null
        : loadIntentModel(
            trainIntentModel(intentExamples(entries, outside), intentAnswers(entries, outside)),
          );
    return {
      writer,
      items: items.filter((i) => i.writer === writer),
      answerer: createOfflineAnswerer(entries, { ...options, outside, model }),
    };
  });
}

/** The folds' items ranked by their own fold's answerer (for tuning thresholds without re-ranking). */
export function rankFolds(folds: ReturnType<typeof blindFolds>): Ranked[] {
  return folds.flatMap((f) =>
    rankAll(
      f.answerer,
      f.items
        .filter((i) => i.expect !== "social")
        .map(({ q, expect, alsoOk }) => ({ q, expect, ...(alsoOk === undefined ? {} : { alsoOk }) })),
    ),
  );
}

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
  answerer: OfflineAnswerer | ((item: HeldOutItem) => OfflineAnswerer),
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
    const result: FaqResult = interpreter.social(item.q)
      ? { kind: "none" }
      : (typeof answerer === "function" ? answerer(item) : answerer).answer(
          interpreter.withoutOpeners(item.q),
        );
    const ok = (id: string) => right(item, id);
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
    else if (result.kind === "none" && (result.near ?? []).some((e) => ok(e.id))) rightOffered++;
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

/**
 * A sibling of the expected entry answered, with the expected entry as the button under it: for
 * tuning and the dev figures, neither right nor wrong (the member reads an overlapping answer and
 * has the exact one a tap away, as with 「もしかして」). The held-out figures count it as wrong.
 */
function siblingShown(result: FaqResult, expect: string): boolean {
  if (result.kind !== "confident") return false;
  return (
    (result.related ?? []).some((e) => e.id === expect) &&
    FAQ_SIBLINGS.some((g) => g.includes(expect) && g.includes(result.entry.id))
  );
}

/** The labelled entry, or one the label says answers as well (dev items name one, held-out items one or more). */
function right(item: { expect: string; alsoOk?: string | string[] }, id: string | undefined): boolean {
  if (id === undefined) return false;
  if (id === item.expect) return true;
  return typeof item.alsoOk === "string" ? id === item.alsoOk : (item.alsoOk ?? []).includes(id);
}

export interface Ranked {
  item: EvalItem;
  ranked: FaqMatch[];
  /** The intent model's view (absent for an answerer without one). */
  intent?: Intent;
}

/** What members would see for the blind dev set, each writer's messages answered by their own fold. */
export function foldOutcomes(
  folds: ReturnType<typeof blindFolds>,
  interpreter: Parameters<typeof memberOutcomes>[2],
): Outcomes {
  const byWriter = new Map(folds.map((f) => [f.writer, f.answerer]));
  return memberOutcomes(
    folds.flatMap((f) => f.items),
    (item) => byWriter.get(item.writer ?? "")!,
    interpreter,
  );
}

export function rankAll(answerer: OfflineAnswerer, items: EvalItem[]): Ranked[] {
  return items.map((item) => {
    const intent = answerer.intent(item.q);
    return { item, ranked: answerer.rank(item.q, 5), ...(intent ? { intent } : {}) };
  });
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

export function measure(
  results: Ranked[],
  t: Thresholds,
  mt: ModelThresholds = DEFAULT_MODEL_THRESHOLDS,
): Metrics {
  let answerable = 0;
  let top1 = 0;
  let top3 = 0;
  let wrongConfident = 0;
  let confidentRight = 0;
  let saidNone = 0;
  let saidNoneRightly = 0;
  let isNone = 0;
  for (const { item, ranked, intent } of results) {
    const result = decide(ranked, t, intent, mt);
    const none = item.expect === "none";
    if (none) isNone++;
    else {
      answerable++;
      if (right(item, ranked[0]?.entry.id)) top1++;
      if (ranked.slice(0, 3).some((m) => right(item, m.entry.id))) top3++;
    }
    if (result.kind === "confident") {
      if (right(item, result.entry.id)) confidentRight++;
      else if (!siblingShown(result, item.expect)) wrongConfident++;
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
function utility(results: Ranked[], t: Thresholds, mt: ModelThresholds = DEFAULT_MODEL_THRESHOLDS): number {
  let u = 0;
  for (const { item, ranked, intent } of results) {
    const r = decide(ranked, t, intent, mt);
    const none = item.expect === "none";
    if (r.kind === "confident") u += right(item, r.entry.id) ? 1 : siblingShown(r, item.expect) ? 0.3 : -4;
    else if (r.kind === "unsure")
      u += r.candidates.some((e) => e.id === item.expect) ? 0.3 : none ? -0.3 : -0.5;
    // "Not found", with the right entry among those that touch on it: a tap away, after a person.
    else u += none ? 1 : (r.near ?? []).some((e) => right(item, e.id)) ? 0.2 : -0.5;
  }
  return u;
}

function steps(from: number, to: number, by: number): number[] {
  return Array.from(
    { length: Math.round((to - from) / by) + 1 },
    (_, i) => Math.round((from + i * by) * 1000) / 1000,
  );
}

/**
 * Wrong direct answers tolerated while tuning, on each half of the tune set: the bar. Half of
 * the tune set is written as the held-out set was (blind to the entries), where no lower figure can
 * be had without giving up most direct answers.
 */
const MAX_WRONG_CONFIDENT = 0.03;
const GRID = {
  confident: steps(0.06, 0.5, 0.01),
  lead: steps(0.5, 0.95, 0.05),
  suggest: steps(0.04, 0.3, 0.01),
};

/**
 * Grid search on the given (tune) results only, for the bar: as many questions answered
 * directly and right as possible, while the wrong direct answers stay within MAX_WRONG_CONFIDENT on
 * each half of the tune set, at the chosen setting and at every grid neighbour; each setting is judged
 * by the mean of its neighbourhood (direct and right, then honest "none", then the utility where a
 * wrong answer costs four right ones), so the choice sits inside a plateau, not on a lucky cell.
 */
export function tuneThresholds(results: Ranked[], groups?: Ranked[][]): Thresholds {
  const cs = GRID.confident;
  const { lead: ms, suggest: ss } = GRID;
  const at = (a: number, b: number, c: number) => ({ confident: cs[a]!, lead: ms[b]!, suggest: ss[c]! });
  const halves = groups ?? [0, 1].map((p) => results.filter((_, i) => i % 2 === p));
  const grid = cs.map((_, a) =>
    ms.map((_, b) =>
      ss.map((_, c) => {
        const m = measure(results, at(a, b, c));
        // The worst of the tune half's own two halves: a setting that is safe only on the whole, by
        // luck of which questions fell where, is not taken.
        const worst = Math.max(...halves.map((h) => measure(h, at(a, b, c)).wrongConfident));
        return { m, worst, utility: utility(results, at(a, b, c)) };
      }),
    ),
  );
  const key = (x: { m: Metrics; utility: number }) => [x.m.confidentRight, x.m.noneRecall, x.utility];
  const better = (x: number[], y: number[]) => {
    for (let i = 0; i < x.length; i++) if (Math.abs(x[i]! - y[i]!) > 1e-9) return x[i]! > y[i]!;
    return false;
  };
  let best: { t: Thresholds; key: number[] } | null = null;
  for (let a = 0; a < cs.length; a++)
    for (let b = 0; b < ms.length; b++)
      for (let c = 0; c < ss.length; c++) {
        if (ss[c]! > cs[a]!) continue;
        const around = [-1, 0, 1].flatMap((da) =>
          [-1, 0, 1].flatMap((db) => [-1, 0, 1].map((dc) => grid[a + da]?.[b + db]?.[c + dc])),
        );
        const cells = around.filter((x) => x !== undefined);
        if (!cells.every((x) => x.worst <= MAX_WRONG_CONFIDENT)) continue;
        // Judged with its neighbours (mean of each figure), so that one lucky cell does not win.
        const keys = cells.map(key);
        const k = keys[0]!.map((_, i) => keys.reduce((sum, x) => sum + x[i]!, 0) / keys.length);
        if (!best || better(k, best.key)) best = { t: at(a, b, c), key: k };
      }
  return best?.t ?? DEFAULT_THRESHOLDS;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

const MODEL_GRID = {
  agree: steps(0.3, 0.7, 0.05),
  alone: steps(0.7, 0.95, 0.05),
  outside: steps(0.1, 0.3, 0.05),
};

/**
 * Grid search of the intent model's thresholds (the temperature and the none threshold as given), on
 * the given results: the most direct and right answers while the wrong direct answers stay within
 * MAX_WRONG_CONFIDENT on every group, at the setting and at each of its grid neighbours (a plateau,
 * not a lucky cell); ties go to more honest "none".
 */
export function tuneModelThresholds(
  results: Ranked[],
  groups: Ranked[][],
  base: ModelThresholds = DEFAULT_MODEL_THRESHOLDS,
  t: Thresholds = DEFAULT_THRESHOLDS,
): ModelThresholds {
  const { agree: as, alone: ls, outside: os } = MODEL_GRID;
  const at = (a: number, l: number, o: number): ModelThresholds => ({
    ...base,
    agree: as[a]!,
    alone: ls[l]!,
    outside: os[o]!,
  });
  const memo = new Map<string, { right: number; none: number; worst: number }>();
  const cell = (a: number, l: number, o: number) => {
    const key = `${a},${l},${o}`;
    const known = memo.get(key);
    if (known) return known;
    const m = measure(results, t, at(a, l, o));
    const worst = Math.max(...groups.map((g) => measure(g, t, at(a, l, o)).wrongConfident));
    const value = { right: m.confidentRight, none: m.noneRecall, worst };
    memo.set(key, value);
    return value;
  };
  let best: { mt: ModelThresholds; right: number; none: number } | null = null;
  for (let a = 0; a < as.length; a++)
    for (let l = 0; l < ls.length; l++)
      for (let o = 0; o < os.length; o++) {
        if (as[a]! > ls[l]!) continue;
        const around = [
          [0, 0, 0],
          [-1, 0, 0],
          [1, 0, 0],
          [0, -1, 0],
          [0, 1, 0],
          [0, 0, -1],
          [0, 0, 1],
        ]
          .map(([da, dl, dn]) => [a + da!, l + dl!, o + dn!] as const)
          .filter(
            ([x, y, z]) => x >= 0 && x < as.length && y >= 0 && y < ls.length && z >= 0 && z < os.length,
          );
        if (!around.every(([x, y, z]) => cell(x, y, z).worst <= MAX_WRONG_CONFIDENT)) continue;
        const { right: r, none } = cell(a, l, o);
        if (!best || r > best.right + 1e-9 || (Math.abs(r - best.right) <= 1e-9 && none > best.none))
          best = { mt: at(a, l, o), right: r, none };
      }
  return best?.mt ?? base;
}
