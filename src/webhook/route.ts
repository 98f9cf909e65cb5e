// POST /webhook: verify the signature on the raw body, validate, then hand each member event on.
// Events of one member run in timestamp order; different members run concurrently. A database
// failure answers 500 so LINE redelivers; replies are sent after the response where possible.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "../ports.js";
import { type MemberEvent, toMemberEvent, WebhookBodySchema } from "./schema.js";
import { verifySignature } from "./signature.js";

const MAX_BODY = 1024 * 1024;

export interface WebhookOptions {
  channelSecret: string;
  handle(event: MemberEvent): Promise<unknown>;
  logger: Logger;
}

export function webhookRoute(options: WebhookOptions): Hono {
  const route = new Hono();
  route.post(
    "/",
    bodyLimit({ maxSize: MAX_BODY, onError: (c) => c.json({ message: "body too large" }, 413) }),
    async function webhook(c) {
      const raw = new Uint8Array(await c.req.arrayBuffer());
      if (!(await verifySignature(raw, c.req.header("x-line-signature"), options.channelSecret))) {
        options.logger.info("webhook.bad_signature");
        throw new HTTPException(401, { message: "invalid signature" });
      }
      const body = WebhookBodySchema.safeParse(parseJson(raw));
      if (!body.success) throw new HTTPException(400, { message: "malformed webhook body" });
      const events = body.data.events.flatMap((e) => toMemberEvent(e) ?? []);
      await Promise.all(byMember(events).map((queue) => runInOrder(queue, options.handle)));
      return c.json({ ok: true });
    },
  );
  return route;
}

function parseJson(raw: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(raw));
  } catch {
    throw new HTTPException(400, { message: "malformed JSON" });
  }
}

function byMember(events: MemberEvent[]): MemberEvent[][] {
  const groups = new Map<string, MemberEvent[]>();
  for (const e of events) groups.set(e.userId, [...(groups.get(e.userId) ?? []), e]);
  return [...groups.values()].map((g) => g.sort((a, b) => a.timestamp - b.timestamp));
}

async function runInOrder(queue: MemberEvent[], handle: WebhookOptions["handle"]): Promise<void> {
  for (const event of queue) await handle(event);
}
