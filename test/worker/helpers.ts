// Helpers for the Worker suite (they run inside workerd): signed webhook requests sent straight to
// the Worker's fetch handler, waiting for its waitUntil work, and the emulator's control API.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { sign } from "../../src/webhook/signature.js";
import worker, { type WorkerEnv } from "../../src/worker.js";

export const workerEnv = env as unknown as WorkerEnv;

let counter = 0;
export function newUserId(): string {
  counter += 1;
  return `U${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}${counter.toString(16).padStart(8, "0")}`;
}

export { textEvent } from "../helpers/webhook-events.js";

/** Calls the Worker's fetch and waits until its background work (replies) has finished. */
export async function callWorker(
  request: Request,
  overrides: Record<string, string> = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, { ...workerEnv, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

export async function postWebhook(
  body: unknown,
  signature?: string | null,
  overrides: Record<string, string> = {},
): Promise<Response> {
  const raw = JSON.stringify({ destination: "Uworkertest", events: Array.isArray(body) ? body : [body] });
  const headers: Record<string, string> = { "content-type": "application/json" };
  const sig = signature === undefined ? await sign(raw, env.LINE_CHANNEL_SECRET) : signature;
  if (sig !== null) headers["x-line-signature"] = sig;
  return callWorker(
    new Request("https://worker.test/webhook", { method: "POST", headers, body: raw }),
    overrides,
  );
}

export async function issueReplyToken(userId: string): Promise<string> {
  const res = await fetch(`${env.TEST_LINE_CONTROL_URL}/reply-token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ userId }),
  });
  return ((await res.json()) as { replyToken: string }).replyToken;
}

export interface Delivery {
  seq: number;
  userId: string;
  via: string;
  retryKey?: string;
  messages: Array<Record<string, unknown>>;
}

export async function deliveriesTo(userId: string, waitMs = 0): Promise<Delivery[]> {
  const url = `${env.TEST_LINE_CONTROL_URL}/deliveries?userId=${encodeURIComponent(userId)}&waitMs=${waitMs}`;
  return ((await (await fetch(url)).json()) as { deliveries: Delivery[] }).deliveries;
}
