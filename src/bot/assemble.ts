// Builds the bot from its adapters: the pure parts (engine, offline FAQ, flows) are the same on
// every runtime, so both entry points call this with the adapters they chose.
import { FAQ_ENTRIES } from "../../flows/faq/index.js";
import { createOfflineAnswerer } from "../answerer/offline/index.js";
import { createOpenAiPhraser } from "../answerer/openai.js";
import { buildEngine } from "../engine/index.js";
import type { BotDeps } from "./deps.js";

export type Adapters = Omit<BotDeps, "engine" | "faq" | "phraser">;

export function assembleBot(
  adapters: Adapters,
  openai?: { apiKey: string; baseURL?: string; model?: string },
): BotDeps {
  return {
    ...adapters,
    engine: buildEngine(),
    faq: createOfflineAnswerer(FAQ_ENTRIES),
    phraser: openai ? createOpenAiPhraser(openai) : undefined,
  };
}
