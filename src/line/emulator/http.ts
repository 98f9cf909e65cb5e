// LINE-shaped HTTP plumbing: error bodies, the 2 MB body limit, JSON parsing and the request id.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Problem } from "./types.js";

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const requestIds = new WeakMap<Request, string>();

/** Every LINE response carries x-line-request-id; a 409 points back at it. */
export function requestIdOf(c: Context): string {
  let id = requestIds.get(c.req.raw);
  if (!id) {
    id = crypto.randomUUID();
    requestIds.set(c.req.raw, id);
  }
  return id;
}

export function lineError(c: Context, status: number, message: string, problems: Problem[] = []): Response {
  const body: Record<string, unknown> = { message };
  if (problems.length > 0) body.details = problems.map((p) => ({ message: p.message, property: p.property }));
  return c.json(body, status as ContentfulStatusCode);
}

/** 400 with LINE's summary line and one detail per problem. */
export function invalidBody(c: Context, problems: Problem[]): Response {
  return lineError(c, 400, `The request body has ${problems.length} error(s)`, problems);
}

export type Read<T> = { ok: true; value: T } | { ok: false; response: Response };

export async function readBytes(c: Context): Promise<Read<Uint8Array>> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return { ok: false, response: tooLarge(c) };
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES) return { ok: false, response: tooLarge(c) };
  return { ok: true, value: bytes };
}

/** The body as a JSON object, or the 413 / 400 LINE would answer. */
export async function readJsonObject(c: Context): Promise<Read<Record<string, unknown>>> {
  const bytes = await readBytes(c);
  if (!bytes.ok) return bytes;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes.value));
  } catch {
    const response = lineError(c, 400, "The request body could not be parsed as JSON");
    return { ok: false, response };
  }
  if (!isObject(parsed)) {
    return { ok: false, response: lineError(c, 400, "The request body could not be parsed as JSON") };
  }
  return { ok: true, value: parsed };
}

function tooLarge(c: Context): Response {
  return lineError(c, 413, "Request Entity Too Large");
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
