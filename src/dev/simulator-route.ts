// The scriptable simulator (development and tests only): builds a LINE webhook event, signs it with
// the channel secret, delivers it to /webhook like LINE does, waits until the bot has answered and
// returns the messages the emulator received for that member.
import { Hono } from "hono";
import { z } from "zod";
import type { TrackedBackground } from "../background.js";
import type { LineEmulator } from "../line/emulator/index.js";
import { sign } from "../webhook/signature.js";
import { simulatorPageHtml } from "./simulator-page.js";

const SendSchema = z.union([
  z.object({ userId: z.string().min(1).max(64), text: z.string().max(20_000) }),
  z.object({ userId: z.string().min(1).max(64), postback: z.string().max(1_000) }),
  z.object({ userId: z.string().min(1).max(64), event: z.enum(["follow", "unfollow", "refollow"]) }),
  z.object({ userId: z.string().min(1).max(64), sticker: z.literal(true) }),
  z.object({
    userId: z.string().min(1).max(64),
    messageType: z.enum(["image", "video", "audio", "file", "location", "sticker"]),
  }),
]);
export type SimulatorSend = z.infer<typeof SendSchema>;

export interface SimulatorOptions {
  emulator: LineEmulator;
  background: TrackedBackground;
  channelSecret: string;
  /** Delivers a signed webhook request to the bot (the app's own fetch). */
  deliver(request: Request): Promise<Response>;
  now?: () => number;
}

export function simulatorRoute(options: SimulatorOptions): Hono {
  const route = new Hono();
  route.get("/", (c) => c.html(simulatorPageHtml));
  route.post("/send", async (c) => {
    const parsed = SendSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ message: "expected {userId, text|postback|event}" }, 400);
    const input = parsed.data;
    const since = options.emulator.lastSeq();
    const event = buildEvent(options, input);
    const body = JSON.stringify({ destination: "Usimulator", events: [event] });
    const response = await options.deliver(
      new Request("http://simulator.local/webhook", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-line-signature": await sign(body, options.channelSecret),
        },
        body,
      }),
    );
    await options.background.idle();
    const messages = options.emulator
      .deliveries({ userId: input.userId, sinceSeq: since })
      .flatMap((d) => d.messages);
    return c.json({ webhookStatus: response.status, messages, lastSeq: options.emulator.lastSeq() });
  });
  /** Everything sent to a member after `sinceSeq` (pushes from reminders, staff, broadcasts). */
  route.get("/messages", (c) => {
    const userId = c.req.query("userId") ?? "";
    const sinceSeq = Number(c.req.query("sinceSeq") ?? 0) || 0;
    const deliveries = options.emulator.deliveries({ userId, sinceSeq });
    return c.json({ deliveries, lastSeq: options.emulator.lastSeq() });
  });
  return route;
}

function buildEvent(options: SimulatorOptions, input: SimulatorSend): Record<string, unknown> {
  const base = {
    webhookEventId: eventId(),
    timestamp: options.now?.() ?? Date.now(),
    mode: "active",
    source: { type: "user", userId: input.userId },
    deliveryContext: { isRedelivery: false },
  };
  const replyToken = () => options.emulator.issueReplyToken(input.userId);
  if ("text" in input)
    return {
      ...base,
      type: "message",
      replyToken: replyToken(),
      message: { type: "text", id: eventId(), text: input.text },
    };
  if ("postback" in input)
    return { ...base, type: "postback", replyToken: replyToken(), postback: { data: input.postback } };
  if ("sticker" in input || "messageType" in input) {
    const type = "messageType" in input ? input.messageType : "sticker";
    return {
      ...base,
      type: "message",
      replyToken: replyToken(),
      message: { type, id: eventId(), packageId: "446", stickerId: "1988" },
    };
  }
  if (input.event === "unfollow") return { ...base, type: "unfollow" };
  return {
    ...base,
    type: "follow",
    replyToken: replyToken(),
    follow: { isUnblocked: input.event === "refollow" },
  };
}

/** A ULID-like id (time-sortable, random tail) like LINE's webhookEventId. */
function eventId(): string {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  let time = Date.now();
  let out = "";
  for (let i = 0; i < 10; i++) {
    out = alphabet[time % 32] + out;
    time = Math.floor(time / 32);
  }
  for (const b of crypto.getRandomValues(new Uint8Array(16))) out += alphabet[b % 32];
  return out;
}
