// The FAQ knowledge is data; this schema refuses a malformed entry when the module loads,
// so a wording edit in flows/faq can never ship an entry the bot cannot show.
import { z } from "zod";
import type { FaqEntry } from "../../src/answerer/types.js";
import { MAX_PHRASINGS } from "../../src/knowledge/entry.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const sourceSchema = z.object({
  title: z.string().min(1),
  url: z.url().optional(),
  asOf: z.string().regex(ISO_DATE, "asOf は YYYY-MM-DD").optional(),
});

const choiceSchema = z.object({ label: z.string().min(1).max(20), action: z.string().min(1) });

export const faqEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "id は小文字・数字・ハイフン"),
    questions: z.array(z.string().trim().min(1)).min(2, "質問の言い方は 2 つ以上"),
    answer: z.string().trim().min(1).max(1000),
    source: sourceSchema,
    alsoFrom: z.array(sourceSchema).max(2).optional(),
    label: z.string().min(1).max(20),
    choices: z.array(choiceSchema).max(4).optional(),
  })
  .refine((e) => e.source.asOf === undefined || e.answer.includes("時点"), {
    message: "日付つきの出典 (asOf) を持つ回答は「…時点」と書くこと",
    path: ["answer"],
  });

/** Validates a whole knowledge base: every entry, and ids unique across it. */
export const faqSchema = z.array(faqEntrySchema).superRefine((entries, ctx) => {
  const seen = new Set<string>();
  for (const [i, e] of entries.entries()) {
    if (seen.has(e.id)) ctx.addIssue({ code: "custom", message: `id が重複: ${e.id}`, path: [i, "id"] });
    seen.add(e.id);
  }
});

/** Parses the entries or throws with every problem listed (at module load, not at answer time). */
export function defineFaq(entries: FaqEntry[]): FaqEntry[] {
  return faqSchema.parse(entries);
}

/**
 * Adds members' phrasings to each entry's questions (once each, after the entry's own). Throws when a
 * phrasing names an entry that does not exist: a renamed id must not leave its phrasings behind.
 */
export function withPhrasings(
  entries: FaqEntry[],
  phrasings: Readonly<Record<string, readonly string[]>>,
): FaqEntry[] {
  const ids = new Set(entries.map((e) => e.id));
  const unknown = Object.keys(phrasings).filter((id) => !ids.has(id));
  if (unknown.length > 0) throw new Error(`言い方の id が FAQ にありません: ${unknown.join(", ")}`);
  return entries.map((e) => {
    const seen = new Set(e.questions);
    const extra = (phrasings[e.id] ?? []).filter((q) => !seen.has(q) && seen.add(q));
    return { ...e, questions: [...e.questions, ...spread(extra, MAX_PHRASINGS - e.questions.length)] };
  });
}

/**
 * At most `room` of the phrasings, evenly spaced: an entry stays within what the staff editor allows,
 * and every writer's way of asking keeps its share (not only the first writers').
 */
function spread<T>(list: readonly T[], room: number): T[] {
  if (list.length <= room) return [...list];
  if (room <= 0) return [];
  return Array.from({ length: room }, (_, i) => list[Math.floor((i * list.length) / room)]!);
}
