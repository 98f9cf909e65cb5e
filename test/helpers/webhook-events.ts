// LINE webhook events as the platform sends them, for tests that post signed bodies themselves.
// Plain code with no Node imports, so the workerd suites use it too.

/** A LINE-like webhookEventId (26 characters, ULID alphabet). */
export function eventId(): string {
  return `01J${crypto.randomUUID().replaceAll("-", "").slice(0, 23).toUpperCase()}`;
}

export function textEvent(userId: string, text: string, replyToken?: string, id = eventId()) {
  return {
    type: "message",
    mode: "active",
    timestamp: Date.now(),
    webhookEventId: id,
    deliveryContext: { isRedelivery: false },
    source: { type: "user", userId },
    ...(replyToken ? { replyToken } : {}),
    message: { type: "text", id: id.slice(-12), text },
  };
}

export function postbackEvent(userId: string, data: string, replyToken?: string, id = eventId()) {
  return {
    type: "postback",
    mode: "active",
    timestamp: Date.now(),
    webhookEventId: id,
    deliveryContext: { isRedelivery: false },
    source: { type: "user", userId },
    ...(replyToken ? { replyToken } : {}),
    postback: { data },
  };
}
