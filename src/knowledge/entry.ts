// One knowledge entry as staff edit it: the seed's shape (flows/faq) plus whether members see it.
// Stored as JSON; read back through the same zod schema, so a row the bot cannot show never loads.
import { z } from "zod";
import type { FaqEntry, FaqSource } from "../answerer/types.js";

/** Most phrasings of one entry: the seed's own and the writers' (up to ~105 now), with room for staff's. */
export const MAX_PHRASINGS = 150;

export type EntryStatus = "published" | "hidden";

export interface KnowledgeEntry extends FaqEntry {
  /** published: members are answered from it; hidden: kept, never answered. */
  status: EntryStatus;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const sourceSchema = z.object({
  title: z.string().trim().min(1, "出典（どの資料・ページの情報か）を入力してください"),
  url: z.url("出典のURLは https:// から始まる形で入力してください").optional(),
  asOf: z.string().regex(ISO_DATE, "時点の日付は 2026-11-25 の形で入力してください").optional(),
});

/** What a staff edit must satisfy; the seed's own rules (flows/faq/schema.ts) are stricter on wording. */
export const knowledgeEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "番号（ID）は半角英小文字・数字・ハイフンで"),
    label: z
      .string()
      .trim()
      .min(1, "見出しを入力してください")
      .max(20, "見出しは20文字以内で入力してください"),
    questions: z
      .array(z.string().trim().min(1).max(200, "質問の言い方は1つ200文字以内で入力してください"))
      .min(1, "質問の言い方を1つ以上入力してください")
      .max(MAX_PHRASINGS, `質問の言い方は${MAX_PHRASINGS}個までです`),
    answer: z
      .string()
      .trim()
      .min(1, "回答を入力してください")
      .max(1000, "回答は1000文字以内で入力してください"),
    source: sourceSchema,
    alsoFrom: z.array(sourceSchema).max(2).optional(),
    choices: z
      .array(z.object({ label: z.string().min(1).max(20), action: z.string().min(1) }))
      .max(4)
      .optional(),
    status: z.enum(["published", "hidden"]),
  })
  .refine((e) => e.source.asOf === undefined || e.answer.includes("時点"), {
    message: "時点の日付がある回答は、回答の中に「2026年11月時点」のように時点を書いてください",
    path: ["answer"],
  });

export function fromSeed(entry: FaqEntry): KnowledgeEntry {
  return { ...entry, status: "published" };
}

/** A stored entry, or null when the JSON is not one (never thrown at answer time). */
export function parseStored(json: string | null): KnowledgeEntry | null {
  if (json === null) return null;
  try {
    const parsed = knowledgeEntrySchema.safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data as KnowledgeEntry) : null;
  } catch {
    return null;
  }
}

/** The entry as the answerer takes it (no status). */
export function toFaq(entry: KnowledgeEntry): FaqEntry {
  const { status: _status, ...faq } = entry;
  return faq;
}

/** Sources whose as-of date is older than `days` before `now`: the facts to check again. */
export function staleSources(entry: FaqEntry, now: Date, days: number): FaqSource[] {
  const limit = now.getTime() - days * 86_400_000;
  return [entry.source, ...(entry.alsoFrom ?? [])].filter(
    (s) => s.asOf !== undefined && Date.parse(`${s.asOf}T00:00:00+09:00`) < limit,
  );
}
