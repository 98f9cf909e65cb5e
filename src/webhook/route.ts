// POST /webhook: verify the signature on the raw body, validate, then hand each member event on.
// Events of one member run in timestamp order; different members run concurrently. A database
// failure answers 500 so LINE redelivers; replies are sent after the response where possible.
import { Hono } from "hono";
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
  route.post("/", async function webhook(c) {
    const raw = await readBody(c.req.raw);
    if (!(await verifySignature(raw, c.req.header("x-line-signature"), options.channelSecret))) {
      options.logger.info("webhook.bad_signature");
      throw new HTTPException(401, { message: "invalid signature" });
    }
    const body = WebhookBodySchema.safeParse(parseJson(raw));
    if (!body.success) throw new HTTPException(400, { message: "malformed webhook body" });
    const events = body.data.events.flatMap((e) => toMemberEvent(e) ?? []);
    await Promise.all(byMember(events).map((queue) => runInOrder(queue, options.handle)));
    return c.json({ ok: true });
  });
  return route;
}

/**
 * The raw body, at most MAX_BODY bytes (413 beyond). LINE always sends Content-Length: then the body is
 * read in one piece (on Node without web streams, a tenth of the webhook's CPU); a chunked body is
 * counted as it streams, so an endless one is cut off, not buffered.
 */
async function readBody(request: Request): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !request.headers.has("transfer-encoding")) {
    if (!/^\d+$/.test(declared) || Number(declared) > MAX_BODY) throw tooLarge();
    return new Uint8Array(await request.arrayBuffer());
  }
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    size += next.value.byteLength;
    if (size > MAX_BODY) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(next.value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

const tooLarge = () => new HTTPException(413, { message: "body too large" });

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
