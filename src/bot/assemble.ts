// Builds the bot from its adapters: the pure parts (engine, offline FAQ, flows) are the same on
// every runtime, so both entry points call this with the adapters they chose.
import { FAQ_ENTRIES } from "../../flows/faq/index.js";
import { createOpenAiPhraser } from "../answerer/openai.js";
import { buildEngine } from "../engine/index.js";
import { createLiveKnowledge, type LiveKnowledgeOptions } from "../knowledge/live.js";
import type { BotDeps } from "./deps.js";

export type Adapters = Omit<BotDeps, "engine" | "faq" | "phraser" | "knowledge">;

export function assembleBot(
  adapters: Adapters,
  openai?: { apiKey: string; baseURL?: string; model?: string },
  knowledgeOptions: LiveKnowledgeOptions = { watchDatabase: false },
): BotDeps {
  const knowledge = createLiveKnowledge(FAQ_ENTRIES, knowledgeOptions);
  return {
    ...adapters,
    engine: buildEngine(),
    faq: knowledge.lookup,
    knowledge,
    phraser: openai ? createOpenAiPhraser(openai) : undefined,
  };
}
