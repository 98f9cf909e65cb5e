// Builders for the LINE message objects flows reply with, so flows stay short and LINE's limits
// (≤ 13 quick-reply items, label ≤ 20 characters, text ≤ 5,000) are enforced in one place.
import type { messagingApi } from "@line/bot-sdk";
import type { LineMessage } from "./types.js";

export const MAX_QUICK_REPLIES = 13;
export const MAX_LABEL = 20;
export const MAX_TEXT = 5000;

export type Choice =
  /** Sends `data` as a postback; the chat shows `label` (or `displayText`) as the member's words. */
  | { label: string; data: string; displayText?: string }
  /** Sends `text` as if the member typed it. */
  | { label: string; text: string }
  /** Copies `clipboardText` to the phone's clipboard. */
  | { label: string; clipboardText: string }
  | { label: string; uri: string };

const truncate = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export function action(choice: Choice): messagingApi.Action {
  const label = truncate(choice.label, MAX_LABEL);
  if ("data" in choice)
    return { type: "postback", label, data: choice.data, displayText: choice.displayText ?? choice.label };
  if ("clipboardText" in choice)
    return { type: "clipboard", label, clipboardText: choice.clipboardText } as messagingApi.Action;
  if ("uri" in choice) return { type: "uri", label, uri: choice.uri };
  return { type: "message", label, text: choice.text };
}

export function quickReply(choices: Choice[]): messagingApi.QuickReply {
  // Two buttons with the same label (an entry 「コールセンター」 beside the call-centre button) look
  // like one offered twice: the first is kept.
  const seen = new Set<string>();
  const unique = choices.filter((c) => {
    if (seen.has(c.label)) return false;
    seen.add(c.label);
    return true;
  });
  return {
    items: unique.slice(0, MAX_QUICK_REPLIES).map((c) => ({ type: "action", action: action(c) })),
  };
}

/** A text bubble, optionally with quick replies (LINE shows them only on the last message). */
export function text(body: string, choices?: Choice[]): LineMessage {
  const message: messagingApi.TextMessage = { type: "text", text: truncate(body, MAX_TEXT) };
  if (choices && choices.length > 0) message.quickReply = quickReply(choices);
  return message;
}

export function flex(altText: string, contents: messagingApi.FlexContainer, choices?: Choice[]): LineMessage {
  const message: messagingApi.FlexMessage = { type: "flex", altText: truncate(altText, 1500), contents };
  if (choices && choices.length > 0) message.quickReply = quickReply(choices);
  return message;
}

/** Postback data is a query string: `a=<action>&k=v`. */
export function postbackData(actionName: string, params: Record<string, string> = {}): string {
  return new URLSearchParams({ a: actionName, ...params }).toString();
}

export function parsePostback(data: string): { action: string; params: Record<string, string> } {
  const search = new URLSearchParams(data);
  const params: Record<string, string> = {};
  for (const [k, v] of search) if (k !== "a") params[k] = v;
  return { action: search.get("a") ?? "", params };
}

/**
 * What one reply may carry: at most 5 messages (the last ones, where the prompt is), and quick
 * replies only on the last message — LINE shows them there only, so earlier ones would mislead.
 */
export function settleReplies(messages: LineMessage[]): LineMessage[] {
  const kept = messages.slice(-5);
  return kept.map((m, i) => {
    if (i === kept.length - 1 || !("quickReply" in m) || !m.quickReply) return m;
    const { quickReply: _dropped, ...rest } = m;
    return rest as LineMessage;
  });
}

/** Adds buttons to the quick replies of the last message (no label twice, LINE's limit kept). */
export function withChoices(messages: LineMessage[], extra: Choice[]): LineMessage[] {
  const last = messages.at(-1);
  if (!last || extra.length === 0) return messages;
  const items = last.quickReply?.items ?? [];
  const taken = new Set(items.map((i) => i.action?.label));
  const added = extra.filter((c) => !taken.has(c.label.slice(0, MAX_LABEL)) && !taken.has(c.label));
  const merged = [...items, ...added.map((c) => ({ type: "action" as const, action: action(c) }))];
  return [...messages.slice(0, -1), { ...last, quickReply: { items: merged.slice(0, MAX_QUICK_REPLIES) } }];
}
