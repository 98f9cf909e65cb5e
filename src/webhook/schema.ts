// The webhook body as LINE sends it, validated with zod. Unknown event and message types pass the
// envelope check (LINE adds new ones) and are ignored later; a malformed envelope is a 400.
import { z } from "zod";
import type { Input } from "../engine/types.js";

const Source = z.looseObject({ type: z.string(), userId: z.string().min(1).max(64).optional() });

const EventSchema = z.looseObject({
  type: z.string().min(1).max(64),
  webhookEventId: z.string().min(1).max(64),
  timestamp: z.number().int().nonnegative(),
  mode: z.string().optional(),
  source: Source.optional(),
  replyToken: z.string().max(256).optional(),
  deliveryContext: z.looseObject({ isRedelivery: z.boolean() }).optional(),
  message: z
    .looseObject({
      type: z.string().min(1).max(64),
      id: z.string().max(64).optional(),
      text: z.string().max(20_000).optional(),
    })
    .optional(),
  postback: z.looseObject({ data: z.string().max(1_000) }).optional(),
  follow: z.looseObject({ isUnblocked: z.boolean() }).optional(),
});

export const WebhookBodySchema = z.object({
  destination: z.string().max(64).optional(),
  events: z.array(EventSchema).max(500),
});

export type WebhookEvent = z.infer<typeof EventSchema>;
export type WebhookBody = z.infer<typeof WebhookBodySchema>;

/** A one-to-one event the bot acts on: who, what, and how to answer. */
export interface MemberEvent {
  webhookEventId: string;
  userId: string;
  timestamp: number;
  replyToken?: string;
  input: Input;
}

/** Maps a LINE event to the engine's input, or null for events the bot ignores (standby, groups, unsend…). */
export function toMemberEvent(event: WebhookEvent): MemberEvent | null {
  if (event.mode === "standby") return null;
  if (event.source?.type !== "user" || !event.source.userId) return null;
  const input = toInput(event);
  if (!input) return null;
  return {
    webhookEventId: event.webhookEventId,
    userId: event.source.userId,
    timestamp: event.timestamp,
    replyToken: event.replyToken,
    input,
  };
}

function toInput(event: WebhookEvent): Input | null {
  switch (event.type) {
    case "message":
      if (!event.message) return null;
      if (event.message.type === "text") return { kind: "text", text: event.message.text ?? "" };
      return { kind: "nonText", messageType: event.message.type };
    case "postback":
      return event.postback ? { kind: "postback", data: event.postback.data } : null;
    case "follow":
      return { kind: "follow", isUnblocked: event.follow?.isUnblocked ?? false };
    case "unfollow":
      return { kind: "unfollow" };
    default:
      return null;
  }
}
