// A broadcast as staff compose it (text, optional link button) ↔ the LINE messages sent. With a link
// the notice becomes one Flex bubble with a URI button; without, a plain text message.
import type { messagingApi } from "@line/bot-sdk";
import type { LineMessage } from "../engine/types.js";

export const BROADCAST_TEXT_MAX = 5000;
export const LINK_LABEL_MAX = 20;
const ALT_TEXT_LENGTH = 100;

export interface Composition {
  text: string;
  link?: { label: string; uri: string };
}

export type CompositionError = "textEmpty" | "textTooLong" | "linkLabel" | "linkUri";

export function validateComposition(input: {
  text: string;
  linkLabel?: string;
  linkUri?: string;
}): { ok: true; value: Composition } | { ok: false; errors: CompositionError[] } {
  const text = input.text.replace(/\r\n/g, "\n").trim();
  const label = (input.linkLabel ?? "").trim();
  const uri = (input.linkUri ?? "").trim();
  const errors: CompositionError[] = [];
  if (text.length === 0) errors.push("textEmpty");
  if (text.length > BROADCAST_TEXT_MAX) errors.push("textTooLong");
  if (label || uri) {
    if (label.length === 0 || label.length > LINK_LABEL_MAX) errors.push("linkLabel");
    if (!isHttpsUrl(uri)) errors.push("linkUri");
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: label ? { text, link: { label, uri } } : { text } };
}

function isHttpsUrl(value: string): boolean {
  if (value.length > 1000) return false;
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

export function buildMessages(composition: Composition): LineMessage[] {
  if (!composition.link) return [{ type: "text", text: composition.text }];
  const bubble: messagingApi.FlexBubble = {
    type: "bubble",
    body: {
      type: "box",
      layout: "vertical",
      contents: [{ type: "text", text: composition.text, wrap: true }],
    },
    footer: {
      type: "box",
      layout: "vertical",
      contents: [
        {
          type: "button",
          style: "primary",
          color: "#06C755",
          action: { type: "uri", label: composition.link.label, uri: composition.link.uri },
        },
      ],
    },
  };
  const altText = [...composition.text].slice(0, ALT_TEXT_LENGTH).join("");
  return [{ type: "flex", altText, contents: bubble }];
}

/** Reads back what was composed, for the preview and the list. */
export function compositionOf(messages: LineMessage[]): Composition {
  const first = messages[0];
  if (!first) return { text: "" };
  if (first.type === "text") return { text: (first as messagingApi.TextMessage).text };
  const flex = first as messagingApi.FlexMessage;
  const bubble = flex.contents as messagingApi.FlexBubble;
  const body = bubble.body?.contents?.[0] as messagingApi.FlexText | undefined;
  const button = bubble.footer?.contents?.[0] as messagingApi.FlexButton | undefined;
  const action = button?.action as messagingApi.URIAction | undefined;
  return {
    text: body?.text ?? flex.altText ?? "",
    ...(action?.uri ? { link: { label: action.label ?? "", uri: action.uri } } : {}),
  };
}
