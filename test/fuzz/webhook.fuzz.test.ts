// Hostile traffic at POST /webhook over real HTTP: random bytes, invalid UTF-8, every Unicode plane,
// huge and deeply nested bodies, prototype-pollution keys, wrong types, missing fields, bad and
// duplicate signatures, signed and unsigned. A client mistake is never a 500 (only 200/400/401/413),
// the server keeps answering /health, and a member in the middle of the form keeps their answers.
import { request } from "node:http";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { DEV_CHANNEL_SECRET } from "../../src/config.js";
import { sign } from "../../src/webhook/signature.js";
import { eventId, FORM_STEPS, PERSON, textEvent, walkForm, webhookBody } from "../faults/support.js";
import { newUserId, startTestBot, type TestBot } from "../helpers/bot.js";
import { bodyArb, bytesArb, hostileText, pollute } from "./arbitraries.js";

const ALLOWED = [200, 400, 401, 413];
const RUNS = { numRuns: 150, interruptAfterTimeLimit: 5_000, markInterruptAsFailure: false };

let bot: TestBot;
let keeper: string;
let keeperRow: typeof schema.conversations.$inferSelect;

async function conversationOf(userId: string) {
  const [row] = await bot.db
    .select()
    .from(schema.conversations)
    .where(eq(schema.conversations.userId, userId));
  return row!;
}

beforeAll(async () => {
  bot = await startTestBot();
  keeper = newUserId();
  await walkForm(bot, keeper, 0, 3); // 「登録」, family and given name: now asked the affiliation
  keeperRow = await conversationOf(keeper);
});
afterAll(async () => {
  await bot.stop();
});

/** Posts raw bytes; `signature` null sends none, an array sends the header once per value. */
async function post(body: string | Uint8Array, signature: string | string[] | null): Promise<number> {
  const headers = new Headers({ "content-type": "application/json" });
  for (const s of signature === null ? [] : [signature].flat()) headers.append("x-line-signature", s);
  const res = await fetch(`${bot.url}/webhook`, { method: "POST", headers, body: body as BodyInit });
  await res.arrayBuffer();
  return res.status;
}
const signed = async (body: string | Uint8Array) => post(body, await sign(body, DEV_CHANNEL_SECRET));

/**
 * For bodies the server refuses before reading them (413): node:http sees the early answer, where
 * fetch only reports the socket the server closed while the upload was still going.
 */
function postEarly(body: string, signature: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
    };
    if (signature !== null) headers["x-line-signature"] = signature;
    const req = request(`${bot.url}/webhook`, { method: "POST", headers, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    req.end(body);
  });
}

describe("POST /webhook under fuzzing", () => {
  it("answers signed hostile bodies with 200 or 400, never 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(bodyArb, fc.boolean(), async (body, polluted) => {
        const json = polluted ? pollute(JSON.stringify(body)) : JSON.stringify(body);
        expect([200, 400]).toContain(await signed(json));
      }),
      RUNS,
    );
  });

  it("answers signed random bytes (invalid UTF-8, binary, not JSON) with 400", async () => {
    await fc.assert(
      fc.asyncProperty(bytesArb, async (bytes) => {
        expect([200, 400]).toContain(await signed(bytes));
      }),
      RUNS,
    );
  });

  it("refuses anything unsigned or badly signed with 401, even when it names a member mid-form", async () => {
    const toKeeper = hostileText.map((text) => webhookBody([textEvent(keeper, text, undefined, eventId())]));
    const body = fc.oneof(
      toKeeper,
      bodyArb.map((b) => JSON.stringify(b)),
      bytesArb,
    );
    const signature = fc.oneof(
      fc.constant(null),
      fc.stringMatching(/^[\x21-\x7e]{0,64}$/),
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString("base64")),
      fc.constant("duplicate"),
      fc.constant("other-secret"),
    );
    await fc.assert(
      fc.asyncProperty(body, signature, async (b, s) => {
        const header =
          s === "duplicate"
            ? [await sign(b, DEV_CHANNEL_SECRET), await sign(b, DEV_CHANNEL_SECRET)]
            : s === "other-secret"
              ? await sign(b, "not-the-channel-secret")
              : s;
        expect(await post(b, header)).toBe(401);
      }),
      RUNS,
    );
  });

  it("rejects a signed body whole (400) when any event is malformed: the member's valid event is not run", async () => {
    const wrong = fc.oneof(
      fc.constant({ type: "message" }),
      fc.record({ type: fc.constant("message"), webhookEventId: fc.integer(), timestamp: fc.nat() }),
      fc.record({
        type: fc.constant("message"),
        webhookEventId: fc.constant(eventId()),
        timestamp: fc.string(),
      }),
      fc.constant({
        type: "message",
        webhookEventId: eventId(),
        timestamp: 1,
        source: { type: "user", userId: 42 },
      }),
      fc.constant({
        type: "message",
        webhookEventId: eventId(),
        timestamp: 1,
        message: { type: "text", text: 7 },
      }),
      fc.constant({
        type: "message",
        webhookEventId: eventId(),
        timestamp: 1,
        message: { type: "text", text: "x".repeat(20_001) },
      }),
    );
    await fc.assert(
      fc.asyncProperty(hostileText, wrong, async (text, bad) => {
        expect(await signed(webhookBody([textEvent(keeper, text), bad]))).toBe(400);
      }),
      { ...RUNS, numRuns: 60 },
    );
  });

  it("handles the extreme cases: 2 MB, 10,000 levels of nesting, 500 events, invalid UTF-8, wrong types", async () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const big = `{"events":[],"pad":"${"x".repeat(2 * 1024 * 1024)}"}`;
    const many = webhookBody(
      Array.from({ length: 500 }, (_, i) =>
        textEvent(`Ufuzz${(i % 50).toString(16).padStart(27, "0")}`, "あ".repeat(600)),
      ),
    );
    const invalidUtf8 = new Uint8Array([
      ...Buffer.from('{"events":[{"text":"'),
      0xff,
      0xfe,
      0xc3,
      0x28,
      ...Buffer.from('"}]}'),
    ]);
    expect(await postEarly(big, await sign(big, DEV_CHANNEL_SECRET))).toBe(413);
    expect(await postEarly(big, null)).toBe(413);
    const cases: Array<[string | Uint8Array, "signed" | "unsigned", number[]]> = [
      [`{"events":[],"deep":${deep}}`, "signed", [200, 400]],
      [`{"events":${deep}}`, "signed", [400]],
      [
        `{"events":[{"type":"message","webhookEventId":"x","timestamp":1,"message":{"type":"text","text":"hi","x":${deep}}}]}`,
        "signed",
        [200, 400],
      ],
      [many, "signed", [200]],
      [invalidUtf8, "signed", [400]],
      [
        '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"events":[]}',
        "signed",
        [200],
      ],
      [
        '{"events":[{"__proto__":{"type":"message"},"constructor":{"prototype":{"polluted":1}}}]}',
        "signed",
        [400],
      ],
      ['{"events":"none"}', "signed", [400]],
      ["{}", "signed", [400]],
      ["", "signed", [400]],
      ["", "unsigned", [401]],
      ["null", "signed", [400]],
      ['{"events":[]}', "unsigned", [401]],
    ];
    for (const [body, how, expected] of cases) {
      const status = how === "signed" ? await signed(body) : await post(body, null);
      expect(expected, `${how} ${String(body).slice(0, 60)}`).toContain(status);
    }
    expect((await fetch(`${bot.url}/webhook`)).status).toBeLessThan(500);
  });

  it("afterwards: /health answers, nothing was polluted or logged as a failure, the member's form is intact", async () => {
    await bot.background.idle();
    expect((await fetch(`${bot.url}/health`)).status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("polluted");
    expect(bot.logs.filter((l) => l.includes("request.failed"))).toEqual([]);
    expect(await conversationOf(keeper)).toEqual(keeperRow);
    await walkForm(bot, keeper, 3, FORM_STEPS.length - 1);
    const card = JSON.stringify(await bot.say(keeper, PERSON.email));
    expect(card).toContain(PERSON.familyName);
    expect(card).toContain(PERSON.givenName);
    expect(ALLOWED).toContain(await signed(webhookBody([])));
  });
});
