// Optional LLM phrasing of offline FAQ answers through OpenAI chat completions. The offline answer
// is always ready first; this only rewords it for the member's exact question, using nothing but
// the retrieved entries, and gives up (null) on any doubt, error or timeout.
//
// Privacy: the caller strips personal fields (names, numbers, mail addresses) from the question
// before calling; only that question and the retrieved entries leave the process.
import OpenAI from "openai";
import { z } from "zod";
import { PHRASER_INSTRUCTIONS } from "../../flows/faq/messages.js";
import type { FaqEntry } from "./types.js";

export interface OpenAiPhraserOptions {
  apiKey: string;
  /** e.g. a compatible gateway, or a local stand-in in tests. */
  baseURL?: string;
  model?: string;
  /** Whole request, default 4 s: a late phrasing is worse than the offline answer. */
  timeoutMs?: number;
}

export interface Phrasing {
  text: string;
  entryIds: string[];
}

const DEFAULT_MODEL = "gpt-4o-mini";
const DEFAULT_TIMEOUT_MS = 4000;
const MAX_ANSWER = 1000;

const RESPONSE_SCHEMA = {
  type: "object",
  properties: {
    answer: { type: "string" },
    usedEntryIds: { type: "array", items: { type: "string" } },
    supported: { type: "boolean" },
  },
  required: ["answer", "usedEntryIds", "supported"],
  additionalProperties: false,
} as const;

const replySchema = z.object({
  answer: z.string(),
  usedEntryIds: z.array(z.string()),
  supported: z.boolean(),
});

/** The retrieved entries as the model sees them: id, question, answer, source and its date. */
function context(entries: FaqEntry[]): string {
  return JSON.stringify(
    entries.map((e) => ({
      id: e.id,
      question: e.questions[0],
      answer: e.answer,
      source: e.source.title,
      asOf: e.source.asOf ?? null,
    })),
  );
}

export function createOpenAiPhraser(options: OpenAiPhraserOptions) {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: timeoutMs,
  });
  const model = options.model ?? DEFAULT_MODEL;

  return {
    async phrase(question: string, entries: FaqEntry[]): Promise<Phrasing | null> {
      if (entries.length === 0 || question.trim() === "") return null;
      try {
        const completion = await client.chat.completions.create(
          {
            model,
            messages: [
              { role: "system", content: PHRASER_INSTRUCTIONS },
              { role: "user", content: `FAQ項目: ${context(entries)}\n\n質問: ${question}` },
            ],
            response_format: {
              type: "json_schema",
              json_schema: { name: "faq_answer", strict: true, schema: RESPONSE_SCHEMA },
            },
          },
          { signal: AbortSignal.timeout(timeoutMs) },
        );
        const parsed = replySchema.safeParse(JSON.parse(completion.choices[0]?.message?.content ?? "null"));
        if (!parsed.success || !parsed.data.supported) return null;
        const { answer, usedEntryIds } = parsed.data;
        const given = new Set(entries.map((e) => e.id));
        if (usedEntryIds.length === 0 || !usedEntryIds.every((id) => given.has(id))) return null;
        const text = answer.trim();
        if (text === "" || text.length > MAX_ANSWER) return null;
        return { text, entryIds: [...new Set(usedEntryIds)] };
      } catch {
        return null;
      }
    },
  };
}
