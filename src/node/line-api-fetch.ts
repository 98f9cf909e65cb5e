// The LINE API's own origin served over node:http(s) with a keep-alive agent and a total timeout, as a
// drop-in for the global fetch the LINE SDK calls. On Node that fetch (undici) costs twice the CPU of
// node:http per call and waits up to 300 s for an answer. Whatever this does not fully support (another
// origin, a signal, a streamed or binary body…) goes to the fallback untouched.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

/** A LINE call not fully answered within this fails like a lost connection (retried with its key). */
export const LINE_API_TIMEOUT_MS = 10_000;
const MAX_SOCKETS = 64;
/** Idle keep-alive sockets close after this (undici's default), sooner if the server's hint says so. */
const IDLE_SOCKET_MS = 4_000;
/** The only init fields served here; any other one set (signal, redirect, dispatcher…) means fallback. */
const SERVED_INIT = new Set(["method", "headers", "body"]);
/** Request headers whose meaning fetch owns (decoding, framing): such a request goes to the fallback. */
const FETCH_OWNED = ["accept-encoding", "transfer-encoding", "connection", "keep-alive", "upgrade", "expect"];
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
const UPPERCASED_METHODS = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);

export interface LineApiFetchOptions {
  /** Origins served here, e.g. "https://api.line.me"; a Set or Map is read on every call, so it may change. */
  origins: { has(origin: string): boolean } | readonly string[];
  timeoutMs: number;
  fallback: typeof fetch;
  maxSockets?: number;
}

/** A fetch; close() ends its idle keep-alive connections. */
export type LineApiFetch = typeof fetch & { close(): void };

interface Planned {
  url: URL;
  method: string;
  headers: Record<string, string | number>;
  /** Kept a string: node:http then sends head and body in one write (a Buffer costs a writev). */
  body: string | undefined;
}

export function lineApiFetch(options: LineApiFetchOptions): LineApiFetch {
  const origins = "has" in options.origins ? options.origins : new Set<string>(options.origins);
  const { timeoutMs, fallback, maxSockets = MAX_SOCKETS } = options;
  const agentOptions = { keepAlive: true, maxSockets, timeout: IDLE_SOCKET_MS };
  const http = new HttpAgent(agentOptions);
  const https = new HttpsAgent(agentOptions);

  const served = (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    try {
      const planned = plan(input, init, origins);
      if (planned) {
        const secure = planned.url.protocol === "https:";
        return send(planned, secure ? httpsRequest : httpRequest, secure ? https : http, timeoutMs);
      }
    } catch {
      // A malformed request (bad URL or header): fetch itself gives the right error.
    }
    return fallback(input, init);
  };
  return Object.assign(served, {
    close() {
      http.destroy();
      https.destroy();
    },
  });
}

function plan(
  input: Parameters<typeof fetch>[0],
  init: RequestInit | undefined,
  origins: { has(origin: string): boolean },
): Planned | undefined {
  const url = input instanceof URL ? input : typeof input === "string" ? new URL(input) : undefined;
  if (!url || !origins.has(url.origin) || (url.protocol !== "http:" && url.protocol !== "https:")) return;
  if (init) {
    for (const key in init) {
      if (init[key as keyof RequestInit] !== undefined && !SERVED_INIT.has(key)) return;
    }
  }
  const body = init?.body ?? undefined;
  if (body !== undefined && typeof body !== "string") return;
  // fetch upper-cases these and refuses CONNECT/TRACE; anything unusual is left to it.
  const upper = init?.method?.toUpperCase() ?? "GET";
  const method = UPPERCASED_METHODS.has(upper) ? upper : init?.method === "PATCH" ? "PATCH" : undefined;
  if (!method) return;
  if (body !== undefined && (method === "GET" || method === "HEAD")) return;
  const headers = flatHeaders(init?.headers);
  if (!headers || FETCH_OWNED.some((name) => name in headers)) return;
  if (body !== undefined) {
    headers["content-type"] ??= "text/plain;charset=UTF-8";
    headers["content-length"] = Buffer.byteLength(body);
  } else if (method === "POST" || method === "PUT") {
    headers["content-length"] = 0;
  }
  return { url, method, headers, body };
}

/** Lower-cased names, repeated names joined with ", " as Headers does; undefined for an odd shape. */
function flatHeaders(init: HeadersInit | undefined): Record<string, string | number> | undefined {
  const out: Record<string, string | number> = {};
  const add = (name: string, value: string) => {
    const key = name.toLowerCase();
    out[key] = key in out ? `${out[key]}, ${value}` : value;
  };
  if (init === undefined) return out;
  if (init instanceof Headers) {
    init.forEach((value, name) => {
      out[name] = value;
    });
  } else if (Array.isArray(init)) {
    for (const pair of init) {
      if (pair.length !== 2) return undefined;
      add(String(pair[0]), String(pair[1]));
    }
  } else if (typeof init === "object" && init !== null) {
    for (const name of Object.keys(init)) add(name, String((init as Record<string, unknown>)[name]));
  } else {
    return undefined;
  }
  return out;
}

/** Throws at once on what node:http refuses (an invalid header), so the caller can fall back. */
function send(
  planned: Planned,
  request: typeof httpRequest,
  agent: HttpAgent,
  timeoutMs: number,
): Promise<Response> {
  let resolve!: (response: Response) => void;
  let reject!: (error: TypeError) => void;
  const promise = new Promise<Response>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  let settled = false;
  const fail = (cause: unknown) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    req.destroy();
    reject(new TypeError("fetch failed", { cause }));
  };
  const req = request(planned.url, { method: planned.method, headers: planned.headers, agent }, (res) => {
    const chunks: Buffer[] = [];
    res.on("data", (chunk: Buffer) => chunks.push(chunk));
    // A connection cut mid-answer ends in "error" (ECONNRESET "aborted"), never in "end".
    res.on("error", fail);
    res.on("end", () => {
      if (settled) return;
      try {
        const response = toResponse(res, chunks, planned.method);
        settled = true;
        clearTimeout(timer);
        resolve(response);
      } catch (error) {
        fail(error);
      }
    });
  });
  const timer = setTimeout(
    () => fail(Object.assign(new Error(`no full answer within ${timeoutMs} ms`), { name: "TimeoutError" })),
    timeoutMs,
  );
  req.on("error", fail);
  req.end(planned.body);
  return promise;
}

function toResponse(res: IncomingMessage, chunks: Buffer[], method: string): Response {
  const status = res.statusCode ?? 0;
  const headers: [string, string][] = [];
  const raw = res.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.push([raw[i]!, raw[i + 1]!]);
  if (method === "HEAD" || NULL_BODY_STATUS.has(status)) {
    return new Response(null, { status, statusText: res.statusMessage, headers });
  }
  const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  return bufferedResponse(decode(bytes, res.headers["content-encoding"]), {
    status,
    statusText: res.statusMessage,
    headers,
  });
}

/**
 * A real Response whose body readers serve the bytes already in hand. Node builds a web stream for
 * any Response body, which costs more than the rest of the call; the SDK only calls text(), so the
 * stream is made only if `body` itself is read. Single use, like any body.
 */
export function bufferedResponse(bytes: Uint8Array, init: ResponseInit): Response {
  const response = new Response(null, init);
  let used = false;
  let stream: ReadableStream<Uint8Array> | undefined;
  const take = async (): Promise<Uint8Array> => {
    if (used) throw new TypeError("Body is unusable: Body has already been read");
    used = true;
    return bytes;
  };
  const copy = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  Object.defineProperties(response, {
    bodyUsed: { get: () => used },
    body: {
      get: () => {
        if (!stream) {
          stream = new Response(copy(bytes)).body ?? undefined;
          used = true;
        }
        return stream ?? null;
      },
    },
    text: { value: async () => Buffer.from(await take()).toString("utf8") },
    json: { value: async () => JSON.parse(Buffer.from(await take()).toString("utf8")) },
    arrayBuffer: { value: async () => copy(await take()) },
    bytes: { value: async () => new Uint8Array(copy(await take())) },
    blob: {
      value: async () => new Blob([copy(await take())], { type: response.headers.get("content-type") ?? "" }),
    },
    clone: { value: () => bufferedResponse(bytes, init) },
  });
  return response;
}

/** fetch decodes a compressed answer even unasked; LINE does not compress, so this is rarely taken. */
function decode(bytes: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return gunzipSync(bytes);
    case "deflate":
      return inflateSync(bytes);
    case "br":
      return brotliDecompressSync(bytes);
    default:
      return bytes;
  }
}

const INSTALLED = Symbol.for("line-helpdesk.lineApiFetch");

interface Installed {
  fetch: LineApiFetch;
  original: typeof fetch;
  /** Origin → how many running bots use it. */
  origins: Map<string, number>;
}

/**
 * Serves baseURL's origin through lineApiFetch from now on, by wrapping globalThis.fetch once (the LINE
 * SDK calls only the global fetch). More bots in one process share the one wrapper; the returned
 * function takes this origin off again and puts the original fetch back once no origin is left.
 */
export function installLineApiFetch(baseURL: string): () => void {
  // Kept on globalThis, not in this module, so that two copies of the module still share one wrapper.
  const slot = globalThis as unknown as { [INSTALLED]?: Installed };
  let installed = slot[INSTALLED];
  if (!installed) {
    const origins = new Map<string, number>();
    const original = globalThis.fetch;
    const fetch = lineApiFetch({ origins, timeoutMs: LINE_API_TIMEOUT_MS, fallback: original });
    installed = { fetch, original, origins };
    slot[INSTALLED] = installed;
    globalThis.fetch = fetch;
  }
  const { origins } = installed;
  const origin = new URL(baseURL).origin;
  origins.set(origin, (origins.get(origin) ?? 0) + 1);
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    const left = (origins.get(origin) ?? 1) - 1;
    if (left > 0) origins.set(origin, left);
    else origins.delete(origin);
    // Someone who wrapped fetch after us keeps our (now pass-through) wrapper underneath theirs.
    if (origins.size > 0 || globalThis.fetch !== installed.fetch) return;
    globalThis.fetch = installed.original;
    installed.fetch.close();
    delete slot[INSTALLED];
  };
}
