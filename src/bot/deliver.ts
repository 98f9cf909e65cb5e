// Sends a step's replies: the reply token first (free), a push when the token is gone (slow
// processing, redelivery), and the optional LLM phrasing of a FAQ answer with the loading animation.

import { fillRelativeDates } from "../answerer/relative-date.js";
import { text } from "../engine/messages.js";
import { scrubPersonal } from "../engine/privacy.js";
import type { LineMessage, StepResult } from "../engine/types.js";
import { LineApiError, NETWORK_ERROR } from "../line/messenger.js";
import type { MemberEvent } from "../webhook/schema.js";
import type { BotDeps } from "./deps.js";

export async function deliverReplies(deps: BotDeps, event: MemberEvent, result: StepResult): Promise<void> {
  const messages = await maybePhrase(deps, event, result);
  try {
    if (event.replyToken) {
      try {
        await deps.messenger.reply(event.replyToken, messages);
        return;
      } catch (error) {
        if (!replyLost(error)) throw error;
        deps.logger.info("reply.fallback_to_push", { status: error.status });
      }
    }
    // One retry key per event: however often this runs for it, LINE delivers the push once.
    await deps.messenger.push(event.userId, messages, await retryKeyFor(event.webhookEventId));
  } catch (error) {
    deps.logger.error("reply.failed", { status: error instanceof LineApiError ? error.status : null });
  }
}

/**
 * 400: the token expired or was used (slow work, redelivery); 5xx or no answer: LINE most likely
 * did not take it. Either way the member must still get the answer, so it is pushed instead.
 */
function replyLost(error: unknown): error is LineApiError {
  if (!(error instanceof LineApiError)) return false;
  return error.status === 400 || error.status >= 500 || error.status === NETWORK_ERROR;
}

async function maybePhrase(deps: BotDeps, event: MemberEvent, result: StepResult): Promise<LineMessage[]> {
  const enhance = result.effects.find((e) => e.type === "enhanceAnswer");
  if (!deps.phraser || !enhance || enhance.type !== "enhanceAnswer") return result.replies;
  // The phraser sees the answers as the member would: dates already related to today.
  const now = deps.clock.now();
  const entries = enhance.entryIds
    .flatMap((id) => deps.faq.byId(id) ?? [])
    .map((e) => ({ ...e, answer: fillRelativeDates(e.answer, now) }));
  if (entries.length === 0) return result.replies;
  await deps.messenger.showLoading(event.userId, 10).catch(() => undefined);
  // Only the scrubbed question and our own entries leave for the API: no personal field.
  const phrased = await deps.phraser
    .phrase(scrubPersonal(enhance.question, Object.values(result.state.answers)), entries)
    .catch(() => null);
  if (!phrased) return result.replies;
  return [text(phrased.text), ...result.replies.slice(1)];
}

/** A UUID (version 4 layout) derived from the event id, as X-Line-Retry-Key requires. */
export async function retryKeyFor(webhookEventId: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(webhookEventId)),
  );
  digest[6] = (digest[6]! & 0x0f) | 0x40;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = [...digest.subarray(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
