// lineApiFetch under the real @line/bot-sdk client and the real LINE emulator over real HTTP: what the
// messenger sees (statuses, LINE's bodies, retry keys, 409, timeouts) must be what Node's fetch gave,
// and everything it does not serve must reach the fallback untouched.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createLineEmulator, type LineEmulator, mountLineEmulator } from "../../src/line/emulator/index.js";
import { createLineMessenger, LineApiError, NETWORK_ERROR } from "../../src/line/messenger.js";
import {
  bufferedResponse,
  installLineApiFetch,
  type LineApiFetch,
  lineApiFetch,
} from "../../src/node/line-api-fetch.js";
import { newUserId, startTestBot } from "../helpers/bot.js";

const TOKEN = "node-fetch-token";
const PUSH = "/v2/bot/message/push";
const hello = [{ type: "text" as const, text: "お知らせです。" }];
const realFetch = globalThis.fetch;

/** Every attempt the emulator saw, as in test/faults/line.test.ts: path, retry key, status. */
let attempts: Array<{ path: string; retryKey: string | undefined; status: number }> = [];
/** Seconds to put in Retry-After on the next 429. */
let retryAfter: string | undefined;
let emulator: LineEmulator;
let emulatorServer: ReturnType<typeof serve>;
let origin: string;
let connections = 0;

beforeAll(async () => {
  emulator = createLineEmulator({ channelAccessToken: TOKEN });
  const app = new Hono();
  app.use("*", async (c, next) => {
    await next();
    if (c.res.status === 429 && retryAfter) c.res.headers.set("retry-after", retryAfter);
    attempts.push({ path: c.req.path, retryKey: c.req.header("x-line-retry-key"), status: c.res.status });
  });
  mountLineEmulator(app, emulator);
  origin = await new Promise<string>((resolve) => {
    emulatorServer = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
  emulatorServer.on("connection", () => connections++);
});
afterAll(() => new Promise<void>((resolve) => emulatorServer.close(() => resolve())));

let served: LineApiFetch | undefined;
afterEach(() => {
  vi.unstubAllGlobals();
  served?.close();
  served = undefined;
  emulator.reset();
  attempts = [];
  retryAfter = undefined;
});

/** Makes the SDK's global fetch a lineApiFetch for these origins, over a spy of Node's fetch. */
function useLineFetch(origins: string[], timeoutMs = 5_000) {
  const fallback = vi.fn(realFetch);
  const fetchLine = lineApiFetch({ origins, timeoutMs, fallback });
  served = fetchLine;
  vi.stubGlobal("fetch", fetchLine);
  return { fallback, fetchLine };
}

/** The real messenger whose backoff sleeps are recorded instead of waited. */
function messenger(baseURL = origin, attemptsAllowed = 4) {
  const sleeps: number[] = [];
  const client = createLineMessenger(
    { channelAccessToken: TOKEN, baseURL },
    { attempts: attemptsAllowed, baseDelayMs: 100, sleep: async (ms) => void sleeps.push(ms) },
  );
  return { client, sleeps };
}

/** A bare node:http server for what the emulator cannot do (stall, cut an answer, echo headers). */
async function rawServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("lineApiFetch › the LINE SDK against the emulator", () => {
  it("serves reply, push, multicast and the loading animation over one kept-alive connection", async () => {
    const { fallback } = useLineFetch([origin]);
    const { client } = messenger();
    const [alice, bob] = [newUserId(), newUserId()];
    const before = connections;
    await client.reply(emulator.issueReplyToken(alice), hello);
    await client.push(alice, hello);
    await client.multicast([alice, bob], hello);
    await client.showLoading(bob, 10);
    expect(emulator.deliveries({ userId: alice }).map((d) => d.via)).toEqual(["reply", "push", "multicast"]);
    expect(emulator.deliveries({ userId: bob }).map((d) => d.via)).toEqual(["multicast"]);
    expect(emulator.loadings()).toMatchObject([{ chatId: bob, loadingSeconds: 10 }]);
    expect(fallback).not.toHaveBeenCalled();
    expect(connections - before).toBe(1);
  });

  it("surfaces LINE's 400 as LineApiError 400 with LINE's body, not retried", async () => {
    useLineFetch([origin]);
    const tooMany = Array.from({ length: 6 }, (_, i) => ({ type: "text" as const, text: `m${i}` }));
    const error = await messenger()
      .client.push(newUserId(), tooMany)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LineApiError);
    expect((error as LineApiError).status).toBe(400);
    expect(JSON.parse((error as LineApiError).body).details[0]).toMatchObject({ property: "messages" });
    expect(attempts).toHaveLength(1);
  });

  it("retries a 429 after its Retry-After and a 500 with backoff, with one retry key: delivered once", async () => {
    useLineFetch([origin]);
    const { client, sleeps } = messenger();
    const userId = newUserId();
    retryAfter = "3";
    emulator.failNext(PUSH, [429, 500]);
    await client.push(userId, hello);
    expect(attempts.map((a) => a.status)).toEqual([429, 500, 200]);
    expect(new Set(attempts.map((a) => a.retryKey)).size).toBe(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(2_250); // 3 s ± 25 % jitter
    expect(sleeps[0]).toBeLessThanOrEqual(3_750);
    expect(sleeps[1]).toBeLessThan(1_000); // no Retry-After: the backoff (~200 ms)
    expect(emulator.deliveries({ userId })).toMatchObject([{ retryKey: attempts[0]!.retryKey }]);
  });

  it("takes LINE's 409 with x-line-accepted-request-id as success", async () => {
    useLineFetch([origin]);
    const userId = newUserId();
    emulator.failNext(PUSH, [{ status: 500, accepted: true }]);
    await messenger().client.push(userId, hello);
    expect(attempts.map((a) => a.status)).toEqual([500, 409]);
    expect(emulator.deliveries({ userId })).toHaveLength(1);
  });
});

describe("lineApiFetch › no answer", () => {
  it("gives up on a server that never answers after its timeout: NETWORK_ERROR, retried with the key", async () => {
    const stall = await rawServer(() => {});
    try {
      useLineFetch([stall.origin], 150);
      const started = Date.now();
      const error = await messenger(stall.origin, 2)
        .client.push(newUserId(), hello)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LineApiError);
      expect((error as LineApiError).status).toBe(NETWORK_ERROR);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(stall.requests).toHaveLength(2);
      const keys = stall.requests.map((r) => r.headers["x-line-retry-key"]);
      expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(keys[1]).toBe(keys[0]);
    } finally {
      await stall.close();
    }
  });

  it("counts the body in the timeout, and fails like fetch: TypeError 'fetch failed' with a cause", async () => {
    const slowBody = await rawServer((_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("{");
    });
    try {
      const { fetchLine } = useLineFetch([slowBody.origin], 150);
      const error = await fetchLine(`${slowBody.origin}/v2/bot/info`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as TypeError).message).toBe("fetch failed");
      expect(((error as TypeError).cause as Error).name).toBe("TimeoutError");
    } finally {
      await slowBody.close();
    }
  });

  it("fails like fetch when the connection is cut mid-answer or refused", async () => {
    const cut = await rawServer((_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("{", () => res.socket?.destroy());
    });
    try {
      const { fetchLine } = useLineFetch([cut.origin, "http://127.0.0.1:1"]);
      await expect(fetchLine(`${cut.origin}/x`)).rejects.toThrow(new TypeError("fetch failed"));
      await expect(fetchLine("http://127.0.0.1:1/x")).rejects.toMatchObject({
        message: "fetch failed",
        cause: { code: "ECONNREFUSED" },
      });
    } finally {
      await cut.close();
    }
  });
});

describe("lineApiFetch › on the wire", () => {
  let echo: Awaited<ReturnType<typeof rawServer>>;
  beforeAll(async () => {
    echo = await rawServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const status = Number(req.headers["x-answer-status"] ?? 200);
        res.writeHead(status, "Made Up", [
          ["content-type", "application/json"],
          ["set-cookie", "a=1"],
          ["set-cookie", "b=2"],
        ]);
        const seen = {
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        };
        res.end(status === 204 || req.method === "HEAD" ? undefined : JSON.stringify(seen));
      });
    });
  });
  afterAll(() => echo.close());

  it("sends headers given as Headers, pairs or a record, with content-length and fetch's default type", async () => {
    const { fetchLine, fallback } = useLineFetch([echo.origin]);
    const body = "こんにちは";
    const forms: HeadersInit[] = [
      new Headers({ Authorization: "Bearer t", "X-Line-Retry-Key": "k" }),
      [
        ["Authorization", "Bearer t"],
        ["X-Line-Retry-Key", "k"],
      ],
      { Authorization: "Bearer t", "X-Line-Retry-Key": "k" },
    ];
    for (const headers of forms) {
      const res = await fetchLine(new URL(`${echo.origin}/v2/bot/message/push?x=1#frag`), {
        method: "post",
        headers,
        body,
      });
      const seen = await res.json();
      expect(seen).toMatchObject({ method: "POST", url: "/v2/bot/message/push?x=1", body });
      expect(seen.headers).toMatchObject({
        authorization: "Bearer t",
        "x-line-retry-key": "k",
        "content-length": String(Buffer.byteLength(body)),
        "content-type": "text/plain;charset=UTF-8",
      });
    }
    const joined = await fetchLine(`${echo.origin}/`, { headers: { "X-A": "1", "x-a": "2" } });
    expect((await joined.json()).headers["x-a"]).toBe("1, 2");
    expect(fallback).not.toHaveBeenCalled();
  });

  it("answers with a real Response: status, statusText, repeated headers; no body for 204 and HEAD", async () => {
    const { fetchLine } = useLineFetch([echo.origin]);
    const res = await fetchLine(`${echo.origin}/a`, { headers: { "x-answer-status": "418" } });
    expect(res).toBeInstanceOf(Response);
    expect([res.status, res.statusText, res.ok]).toEqual([418, "Made Up", false]);
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect((await res.json()).url).toBe("/a");
    const empty = await fetchLine(`${echo.origin}/b`, {
      method: "DELETE",
      headers: { "x-answer-status": "204" },
    });
    expect([empty.status, empty.body]).toEqual([204, null]);
    const head = await fetchLine(`${echo.origin}/c`, { method: "HEAD" });
    expect([head.status, head.body]).toEqual([200, null]);
  });

  it("reads a buffered body once, by any reader, as a Response does", async () => {
    const text = '{"sentMessages":[{"id":"1"}],"note":"送信しました"}';
    const make = () =>
      bufferedResponse(Buffer.from(text), { status: 200, headers: { "content-type": "application/json" } });
    const res = make();
    expect(res).toBeInstanceOf(Response);
    expect(res.bodyUsed).toBe(false);
    expect(await res.text()).toBe(text);
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toThrow(TypeError);
    await expect(res.json()).rejects.toThrow(TypeError);
    expect((await make().json()).note).toBe("送信しました");
    expect(new TextDecoder().decode(await make().arrayBuffer())).toBe(text);
    expect(await (await make().blob()).text()).toBe(text);
    expect((await make().blob()).type).toBe("application/json");
    const streamed = make();
    expect(await new Response(streamed.body).text()).toBe(text);
    await expect(streamed.text()).rejects.toThrow(TypeError);
    const original = make();
    const twin = original.clone();
    expect([await original.text(), await twin.text()]).toEqual([text, text]);
  });

  it("hands every request it does not fully serve to the fallback, untouched", async () => {
    const fallback = vi.fn(async () => new Response("from fallback"));
    const fetchLine = lineApiFetch({ origins: [echo.origin], timeoutMs: 1_000, fallback });
    served = fetchLine;
    const url = `${echo.origin}/v2/bot/message/push`;
    const reached = echo.requests.length;
    const cases: Array<[Parameters<typeof fetch>[0], RequestInit | undefined]> = [
      ["http://localhost:9/elsewhere", { method: "POST", body: "{}" }],
      [url, { method: "POST", body: "{}", signal: new AbortController().signal }],
      [url, { method: "POST", body: new Blob(["x"]) }],
      [url, { method: "POST", body: new FormData() }],
      [url, { method: "POST", body: new Uint8Array([1]) }],
      [url, { headers: { "accept-encoding": "gzip" } }],
      [url, { redirect: "manual" }],
      [url, { method: "TRACE" }],
      [new Request(url), undefined],
      ["/relative", undefined],
    ];
    for (const [input, init] of cases) {
      fallback.mockClear();
      expect(await (await fetchLine(input, init)).text()).toBe("from fallback");
      expect(fallback).toHaveBeenCalledOnce();
      expect(fallback.mock.calls[0]).toEqual([input, init]);
      expect((fallback.mock.calls[0] as unknown[])[1]).toBe(init);
    }
    expect(echo.requests.length).toBe(reached);
  });
});

describe("installLineApiFetch", () => {
  it("wraps the global fetch once however many bots start, and puts it back when the last stops", async () => {
    const original = globalThis.fetch;
    const first = installLineApiFetch("http://127.0.0.1:1/line-emulator");
    const wrapper = globalThis.fetch;
    expect(wrapper).not.toBe(original);
    const second = installLineApiFetch("http://127.0.0.1:2");
    const again = installLineApiFetch("http://127.0.0.1:1");
    expect(globalThis.fetch).toBe(wrapper);
    first();
    first(); // twice is once
    second();
    expect(globalThis.fetch).toBe(wrapper);
    again();
    expect(globalThis.fetch).toBe(original);
  });

  it("serves each running bot's emulator origin, and only that, through the one wrapper", async () => {
    const spy = vi.fn(realFetch);
    vi.stubGlobal("fetch", spy);
    const bots = [await startTestBot(), await startTestBot()];
    try {
      const wrapper = globalThis.fetch;
      expect(wrapper).not.toBe(spy);
      for (const bot of bots) {
        const userId = newUserId();
        expect((await bot.say(userId, "メニュー")).length).toBeGreaterThan(0);
        expect(bot.emulator!.deliveries({ userId }).length).toBeGreaterThan(0);
      }
      // The tests' own calls (localhost) went to Node's fetch; the LINE calls (127.0.0.1) did not.
      const hosts = new Set(spy.mock.calls.map(([input]) => new URL(String(input)).hostname));
      expect([...hosts]).toEqual(["localhost"]);
      await bots[0]!.stop();
      expect(globalThis.fetch).toBe(wrapper);
    } finally {
      for (const bot of bots) await bot.stop();
    }
    expect(globalThis.fetch).toBe(spy);
  });
});
