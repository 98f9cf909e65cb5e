// fast-check generators of what a hostile or broken client sends to /webhook: LINE-shaped events
// whose every field may have the wrong type, be missing or carry odd text from any Unicode plane.
import fc from "fast-check";
import { eventId } from "../faults/support.js";

const SPECIALS = [
  "",
  "\u0000",
  "\uD800",
  "\uDFFF",
  "\uFEFF登録",
  "𠮷野家で𩸽を食べた",
  "\u202Eかなたにはな",
  "👨‍👩‍👧‍👦🇯🇵",
  "<script>alert(1)</script>",
  "'; DROP TABLE members; --",
  ["$", "{process.exit(1)}"].join(""),
  "{{constructor.constructor('return 1')()}}",
  "__proto__",
  "a=erase.yes",
  "データ削除",
  "Passw0rdPassw0rd",
  "%E0%A4%A",
  "\r\n\r\nHTTP/1.1 200 OK",
];

/** Text from every plane (lone surrogates included), special strings, and sizes around LINE's limits. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 120 }),
  fc.string({ unit: "grapheme", maxLength: 120 }),
  fc.constantFrom(...SPECIALS),
  fc
    .integer({ min: 0, max: 0x10ffff })
    .map((cp) => (cp >= 0xd800 && cp <= 0xdfff ? "\uFFFD" : String.fromCodePoint(cp)).repeat(3)),
  fc.constantFrom(4_999, 5_000, 5_001, 19_999).map((n) => "字".repeat(n)),
);

/** Anything JSON can carry, for fields that expect something else. */
const junk = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Ids of throw-away members only: fuzzed events never name a member a test watches. */
const userId = fc.oneof(
  fc.integer({ min: 0, max: 7 }).map((i) => `Ufuzz${i.toString(16).padStart(27, "0")}`),
  fc.string({ unit: "binary", maxLength: 70 }),
  junk,
);

const message = fc.record(
  {
    type: fc.oneof(fc.constantFrom("text", "sticker", "image", "location", "file", "audio", "video"), junk),
    id: fc.oneof(fc.string({ maxLength: 70 }), junk),
    text: fc.oneof(hostileText, hostileText, junk),
    quoteToken: fc.string({ maxLength: 30 }),
    emojis: junk,
  },
  { requiredKeys: [] },
);

export const eventArb = fc.record(
  {
    type: fc.oneof(
      fc.constantFrom("message", "postback", "follow", "unfollow", "unsend", "join", "beacon", "things"),
      junk,
    ),
    webhookEventId: fc.oneof(
      fc.constant(null).map(() => eventId()),
      fc.string({ maxLength: 70 }),
      junk,
    ),
    timestamp: fc.oneof(fc.nat(), fc.constant(Date.now()), junk),
    mode: fc.oneof(fc.constantFrom("active", "standby"), junk),
    source: fc.oneof(fc.record({ type: fc.constantFrom("user", "group", "room"), userId }), junk),
    replyToken: fc.oneof(fc.string({ maxLength: 300 }), junk),
    deliveryContext: fc.oneof(fc.record({ isRedelivery: fc.oneof(fc.boolean(), junk) }), junk),
    message: fc.oneof(message, junk),
    postback: fc.oneof(fc.record({ data: fc.oneof(hostileText, junk) }), junk),
    follow: fc.oneof(fc.record({ isUnblocked: fc.oneof(fc.boolean(), junk) }), junk),
  },
  { requiredKeys: [] },
);

const ACTIONS = [
  "menu",
  "reg.start",
  "reg.choice",
  "reg.ok",
  "reg.edit",
  "reg.edit.done",
  "reg.cancel",
  "reg.cancel.yes",
  "reg.restart.yes",
  "reg.clinic.yes",
  "reg.clinic.no",
  "reg.mail.yes",
  "reg.sheet",
  "reg.later",
  "elig",
  "elig.start",
  "journey.report",
  "journey.progress",
  "journey.redo",
  "journey.mail",
  "faq",
  "faq.top",
  "faq.none",
  "inquiry.start",
  "inquiry.create",
  "erase",
  "erase.yes",
  "erase.no",
  "callcentre",
  "",
];
const PARAMS = ["field", "value", "step", "id", "kind", "node", "a", "__proto__", "constructor"];

/** Postback data as our buttons make it, with parameters and values a forger might try. */
const postbackData = fc
  .tuple(
    fc.constantFrom(...ACTIONS),
    fc.array(
      fc.tuple(
        fc.constantFrom(...PARAMS),
        fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.constantFrom("registered", "linkSent", "0", "99", "-1", "協", "契"),
        ),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([a, params]) => new URLSearchParams([["a", a], ...params]).toString().slice(0, 300));

/** A well-formed event with hostile content: what a signed request must handle without a 5xx. */
export const wellFormedEventArb = fc
  .record({
    user: fc.integer({ min: 0, max: 7 }),
    kind: fc.constantFrom("text", "text", "text", "postback", "postback", "follow", "unfollow", "sticker"),
    text: fc.oneof(
      hostileText,
      fc.constantFrom(
        "登録",
        "やめる",
        "戻る",
        "修正する",
        "はい",
        "ちがう",
        "ヘルプ",
        "メニュー",
        "進み具合",
      ),
    ),
    data: fc.oneof(
      postbackData,
      hostileText.map((t) => t.slice(0, 1_000)),
    ),
    replyToken: fc.string({ maxLength: 40 }),
    redelivery: fc.boolean(),
  })
  .map(({ user, kind, text, data, replyToken, redelivery }) => ({
    type: kind === "text" || kind === "sticker" ? "message" : kind,
    webhookEventId: eventId(),
    timestamp: Date.now(),
    mode: "active",
    source: { type: "user", userId: `Ufuzz${user.toString(16).padStart(27, "0")}` },
    deliveryContext: { isRedelivery: redelivery },
    ...(kind === "unfollow" ? {} : { replyToken }),
    ...(kind === "text" ? { message: { type: "text", id: "1", text } } : {}),
    ...(kind === "sticker" ? { message: { type: "sticker", id: "2", packageId: "1", stickerId: "1" } } : {}),
    ...(kind === "postback" ? { postback: { data } } : {}),
    ...(kind === "follow" ? { follow: { isUnblocked: redelivery } } : {}),
  }));

export const bodyArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      destination: fc.constant("Ufuzz"),
      events: fc.array(wellFormedEventArb, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        destination: fc.oneof(fc.string({ maxLength: 40 }), junk),
        events: fc.array(eventArb, { maxLength: 4 }),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ events: fc.array(eventArb, { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: junk },
);

/** Raw bytes: random, or JSON with a byte sequence that is not UTF-8 spliced in. */
export const bytesArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 2_048 }),
  fc
    .tuple(
      bodyArb,
      fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => b.map((x) => x | 0x80)),
    )
    .map(([body, bad]) => {
      const json = Buffer.from(JSON.stringify(body) ?? "null");
      const at = Math.floor(json.length / 2);
      return new Uint8Array([...json.subarray(0, at), ...bad, ...json.subarray(at)]);
    }),
);

/** Adds own "__proto__" and "constructor" keys to a JSON object's text (and to its first event). */
export function pollute(json: string): string {
  const keys =
    '"__proto__":{"polluted":"yes","type":"message"},"constructor":{"prototype":{"polluted":"yes"}}';
  if (!json.startsWith("{")) return json;
  const withTop = json === "{}" ? `{${keys}}` : `{${keys},${json.slice(1)}`;
  return withTop.replace('"events":[{', `"events":[{${keys},`);
}
