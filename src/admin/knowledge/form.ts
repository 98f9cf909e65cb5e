// The entry form: what staff typed, read into an entry (or the problems, in plain Japanese).
import type { KnowledgeEntry } from "../../knowledge/entry.js";
import { knowledgeEntrySchema } from "../../knowledge/entry.js";

/** The form's fields as typed (kept to show the form again with the problems). */
export interface EntryForm {
  label: string;
  questions: string;
  answer: string;
  sourceTitle: string;
  sourceUrl: string;
  asOf: string;
  status: "published" | "hidden";
}

export function formOf(entry: KnowledgeEntry | null): EntryForm {
  return {
    label: entry?.label ?? "",
    questions: entry?.questions.join("\n") ?? "",
    answer: entry?.answer ?? "",
    sourceTitle: entry?.source.title ?? "",
    sourceUrl: entry?.source.url ?? "",
    asOf: entry?.source.asOf ?? "",
    status: entry?.status ?? "published",
  };
}

export function readForm(body: Record<string, unknown>): EntryForm {
  const s = (k: string) =>
    String(typeof body[k] === "string" ? body[k] : "")
      .replace(/\r\n?/g, "\n")
      .trim();
  return {
    label: s("label"),
    questions: s("questions"),
    answer: s("answer"),
    sourceTitle: s("sourceTitle"),
    sourceUrl: s("sourceUrl"),
    asOf: s("asOf"),
    status: s("status") === "hidden" ? "hidden" : "published",
  };
}

/** Phrasings one per line, blank lines and repeats dropped. */
export function phrasings(text: string): string[] {
  return [
    ...new Set(
      text
        .split("\n")
        .map((q) => q.trim())
        .filter((q) => q.length > 0),
    ),
  ];
}

/**
 * The entry the form describes, over `base` (which keeps what the form does not edit: the buttons
 * under the answer, further sources). Errors are the schema's messages, one per problem.
 */
export function entryFromForm(
  id: string,
  form: EntryForm,
  base: KnowledgeEntry | null,
): { entry: KnowledgeEntry } | { errors: string[] } {
  const candidate = {
    ...(base ?? {}),
    id,
    label: form.label,
    questions: phrasings(form.questions),
    answer: form.answer,
    source: {
      title: form.sourceTitle,
      ...(form.sourceUrl ? { url: form.sourceUrl } : {}),
      ...(form.asOf ? { asOf: form.asOf } : {}),
    },
    status: form.status,
  };
  const parsed = knowledgeEntrySchema.safeParse(candidate);
  if (parsed.success) return { entry: parsed.data as KnowledgeEntry };
  return { errors: [...new Set(parsed.error.issues.map((i) => i.message))] };
}

/** An id for an entry staff write: readable, unique enough, and in the seed's id format. */
export function newEntryId(now: Date): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, "");
  const random = crypto.getRandomValues(new Uint8Array(3));
  return `staff-${day}-${[...random].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}
