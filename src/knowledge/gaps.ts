// The gap list: questions the FAQ did not answer directly, grouped when they are alike (the same
// characters, mostly) so staff see 「駐車場はありますか ×12」 once, with how each was left.
import type { GapQuestion } from "../store/question-outcomes.js";

export interface GapGroup {
  /** The most frequent wording of the group (what staff add as a phrasing). */
  question: string;
  /** Other wordings, most frequent first. */
  variants: string[];
  count: number;
  /** How many got nothing, only 「もしかして」, or were handed to a person. */
  none: number;
  suggested: number;
  handover: number;
  lastAt: string;
}

/** Characters that carry no meaning here: spaces, punctuation, the polite ends of a question. */
const NOISE = /[\s\p{P}\p{S}]+/gu;
const ENDINGS = /(でしょうか|ですか|ますか|ますでしょうか|ください|下さい|ですが|です|けど|か)+$/u;

export function foldQuestion(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(NOISE, "").replace(ENDINGS, "");
}

function bigrams(text: string): Set<string> {
  const chars = Array.from(text);
  if (chars.length < 2) return new Set(chars);
  const out = new Set<string>();
  for (let i = 0; i < chars.length - 1; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** Two questions this alike (shared character pairs over all) are one group. */
const ALIKE = 0.5;

export function groupGaps(questions: readonly GapQuestion[]): GapGroup[] {
  // Exact repeats first (after folding), then alike wordings join the group of their most asked one.
  type Slot = { fold: string; texts: Map<string, number>; items: GapQuestion[] };
  const byFold = new Map<string, Slot>();
  for (const q of questions) {
    const fold = foldQuestion(q.question);
    if (fold.length === 0) continue;
    const slot: Slot = byFold.get(fold) ?? { fold, texts: new Map(), items: [] };
    slot.texts.set(q.question, (slot.texts.get(q.question) ?? 0) + 1);
    slot.items.push(q);
    byFold.set(fold, slot);
  }
  const slots = [...byFold.values()].sort((a, b) => b.items.length - a.items.length);
  const groups: { grams: Set<string>; slots: typeof slots }[] = [];
  for (const slot of slots) {
    const grams = bigrams(slot.fold);
    const home = groups.find((g) => similarity(g.grams, grams) >= ALIKE);
    if (home) home.slots.push(slot);
    else groups.push({ grams, slots: [slot] });
  }
  return groups
    .map((g) => {
      const texts = new Map<string, number>();
      for (const s of g.slots) for (const [t, n] of s.texts) texts.set(t, (texts.get(t) ?? 0) + n);
      // The most asked wording names the group; of equals, the shortest (the plainest).
      const wordings = [...texts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)
        .map(([t]) => t);
      const items = g.slots.flatMap((s) => s.items);
      return {
        question: wordings[0]!,
        variants: wordings.slice(1),
        // A hand-over is the same question asked again of a person: counted apart, not twice.
        count: Math.max(1, items.filter((i) => i.outcome !== "handover").length),
        none: items.filter((i) => i.outcome === "none").length,
        suggested: items.filter((i) => i.outcome === "suggested").length,
        handover: items.filter((i) => i.outcome === "handover").length,
        lastAt:
          items
            .map((i) => i.at)
            .sort()
            .at(-1) ?? "",
      };
    })
    .sort((a, b) => b.count - a.count || (a.lastAt < b.lastAt ? 1 : -1));
}
