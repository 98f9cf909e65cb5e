// Sending endpoints (reply, push, multicast, broadcast): validate, de-duplicate by retry key, record.
import { type Context, Hono } from "hono";
import { invalidBody, lineError, readJsonObject, requestIdOf } from "./http.js";
import { checkRetryKey } from "./retry-keys.js";
import { type EmulatorState, quoteToken } from "./state.js";
import type { DeliveryVia, Problem } from "./types.js";
import { validateMessages, validateRecipient, validateRecipients } from "./validate-messages.js";

const QUOTABLE = new Set(["text", "textV2", "sticker", "image", "video"]);

type Recipients = (body: Record<string, unknown>) => { userIds: string[]; problems: Problem[] };

export function sendRoutes(state: EmulatorState): Hono {
  const app = new Hono();
  app.post("/v2/bot/message/reply", (c) => reply(c, state));
  app.post("/v2/bot/message/push", (c) =>
    send(c, state, "push", (body) => ({ userIds: [String(body.to)], problems: validateRecipient(body.to) })),
  );
  app.post("/v2/bot/message/multicast", (c) =>
    send(c, state, "multicast", (body) => ({
      userIds: body.to as string[],
      problems: validateRecipients(body.to),
    })),
  );
  app.post("/v2/bot/message/broadcast", (c) =>
    send(c, state, "broadcast", () => ({ userIds: [...state.users.keys()], problems: [] })),
  );
  return app;
}

async function reply(c: Context, state: EmulatorState): Promise<Response> {
  if (c.req.header("x-line-retry-key") !== undefined) {
    return lineError(c, 400, "X-Line-Retry-Key is not supported for this API");
  }
  const body = await readJsonObject(c);
  if (!body.ok) return body.response;
  const problems = validateMessages(body.value.messages);
  if (typeof body.value.replyToken !== "string")
    problems.unshift({ property: "replyToken", message: "must be specified" });
  if (problems.length > 0) return invalidBody(c, problems);
  const redeemed = state.replyTokens.redeem(body.value.replyToken as string);
  if (!redeemed.ok) return lineError(c, 400, "Invalid reply token");
  const messages = body.value.messages as unknown[];
  state.deliveries.add("reply", [redeemed.userId], messages, undefined);
  return c.json({ sentMessages: sentMessages(state, messages) });
}

async function send(
  c: Context,
  state: EmulatorState,
  via: DeliveryVia,
  recipients: Recipients,
): Promise<Response> {
  const retryKey = c.req.header("x-line-retry-key");
  if (retryKey !== undefined && checkRetryKey(retryKey).length > 0) {
    return invalidBody(c, checkRetryKey(retryKey));
  }
  const body = await readJsonObject(c);
  if (!body.ok) return body.response;
  const to = recipients(body.value);
  const problems = [...to.problems, ...validateMessages(body.value.messages)];
  if (problems.length > 0) return invalidBody(c, problems);
  const accepted = retryKey === undefined ? undefined : state.retryKeys.find(retryKey);
  if (accepted) return alreadyAccepted(c, via, accepted);

  const messages = body.value.messages as unknown[];
  const userIds = to.userIds;
  state.deliveries.add(via, userIds, messages, retryKey);
  state.totalUsage += userIds.length;
  const sent = via === "push" ? sentMessages(state, messages) : undefined;
  if (retryKey !== undefined)
    state.retryKeys.accept(retryKey, { requestId: requestIdOf(c), sentMessages: sent });
  return c.json(sent ? { sentMessages: sent } : {});
}

function alreadyAccepted(
  c: Context,
  via: DeliveryVia,
  accepted: { requestId: string; sentMessages?: unknown[] },
): Response {
  c.header("x-line-accepted-request-id", accepted.requestId);
  const body: Record<string, unknown> = { message: "The retry key is already accepted" };
  if (via === "push" && accepted.sentMessages) body.sentMessages = accepted.sentMessages;
  return c.json(body, 409);
}

function sentMessages(state: EmulatorState, messages: unknown[]): Array<{ id: string; quoteToken?: string }> {
  return messages.map((message) => {
    const type = (message as { type?: unknown }).type;
    const id = state.nextMessageId();
    return typeof type === "string" && QUOTABLE.has(type) ? { id, quoteToken: quoteToken() } : { id };
  });
}
