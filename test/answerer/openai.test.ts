// The optional OpenAI phraser against a local stand-in of the chat completions API (no network).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FAQ_ENTRIES } from "../../flows/faq/index.js";
import { createOpenAiPhraser } from "../../src/answerer/openai.js";

type Handler = (body: Record<string, unknown>, res: ServerResponse) => void;

let server: Server;
let baseURL = "";
let handler: Handler;
let requests: Record<string, unknown>[] = [];

function completion(res: ServerResponse, content: unknown): void {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      id: "chatcmpl-test",
      object: "chat.completion",
      created: 0,
      model: "stand-in",
      choices: [
        { index: 0, message: { role: "assistant", content: JSON.stringify(content) }, finish_reason: "stop" },
      ],
    }),
  );
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(raw) as Record<string, unknown>;
      requests.push(body);
      handler(body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests = [];
});

const entries = FAQ_ENTRIES.filter((e) => e.id === "link-24h" || e.id === "link-expired");
const phraser = () => createOpenAiPhraser({ apiKey: "test-key", baseURL, timeoutMs: 300 });

describe("createOpenAiPhraser", () => {
  it("returns the model's answer and the entries it used", async () => {
    handler = (_body, res) =>
      completion(res, {
        answer: "リンクの有効期限は24時間です。",
        usedEntryIds: ["link-24h"],
        supported: true,
      });
    const result = await phraser().phrase("リンクっていつまで？", entries);
    expect(result).toEqual({ text: "リンクの有効期限は24時間です。", entryIds: ["link-24h"] });
  });

  it("sends only the retrieved entries and asks for the JSON schema", async () => {
    handler = (_body, res) =>
      completion(res, { answer: "はい。", usedEntryIds: ["link-24h"], supported: true });
    await phraser().phrase("リンクの期限は", entries);
    const body = requests[0]!;
    const prompt = JSON.stringify(body.messages);
    expect(prompt).toContain("link-24h");
    expect(prompt).toContain("link-expired");
    expect(prompt).not.toContain("subsidy-cap");
    expect(body.response_format).toMatchObject({ type: "json_schema", json_schema: { strict: true } });
  });

  it("returns null when the model says the entries do not support an answer", async () => {
    handler = (_body, res) => completion(res, { answer: "", usedEntryIds: [], supported: false });
    expect(await phraser().phrase("明日の天気は？", entries)).toBeNull();
  });

  it("returns null when the model names an entry it was not given", async () => {
    handler = (_body, res) =>
      completion(res, { answer: "補助金は出ます。", usedEntryIds: ["subsidy-cap"], supported: true });
    expect(await phraser().phrase("リンクの期限は", entries)).toBeNull();
  });

  it("returns null on malformed output or a server error", async () => {
    handler = (_body, res) => completion(res, { text: "形が違う" });
    expect(await phraser().phrase("リンクの期限は", entries)).toBeNull();
    handler = (_body, res) => res.writeHead(500, { "content-type": "application/json" }).end("{}");
    expect(await phraser().phrase("リンクの期限は", entries)).toBeNull();
  });

  it("gives up within the timeout when the server is slow", async () => {
    handler = (_body, res) => {
      const timer = setTimeout(
        () => completion(res, { answer: "遅い", usedEntryIds: ["link-24h"], supported: true }),
        3000,
      );
      res.on("close", () => clearTimeout(timer));
    };
    const started = Date.now();
    expect(await phraser().phrase("リンクの期限は", entries)).toBeNull();
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("does not call the model without entries", async () => {
    expect(await phraser().phrase("リンクの期限は", [])).toBeNull();
    expect(requests).toHaveLength(0);
  });
});
