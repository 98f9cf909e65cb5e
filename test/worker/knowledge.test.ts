// Staff knowledge on Workers: an isolate keeps its FAQ index between requests, and a publish made
// elsewhere (another isolate, here straight through the store as the staff area does) bumps the
// knowledge version in D1, so the very next webhook request answers from the new knowledge.
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { FAQ_ENTRIES } from "../../flows/faq/index.js";
import { FAQ_MESSAGES } from "../../flows/faq/messages.js";
import { unansweredTopic } from "../../flows/faq/outside.js";
import { fromSeed } from "../../src/knowledge/entry.js";
import type { Database } from "../../src/store/database.js";
import { composeKnowledge, knowledgeRows, publishEntry } from "../../src/store/knowledge.js";
import { deliveriesTo, issueReplyToken, newUserId, postWebhook, textEvent } from "./helpers.js";

const QUESTION = "鍼灸の往療の距離の上限は？";
const db = drizzle(env.DB, { schema }) as unknown as Database;

async function ask(userId: string, question = QUESTION): Promise<string> {
  const before = (await deliveriesTo(userId)).length;
  expect((await postWebhook(textEvent(userId, question, await issueReplyToken(userId)))).status).toBe(200);
  const deliveries = await deliveriesTo(userId, 2_000);
  expect(deliveries.length).toBe(before + 1);
  return deliveries
    .at(-1)!
    .messages.map((m) => String(m.text ?? ""))
    .join("\n");
}

/** Not answered: the honest "not found", with or without near entries, and not the call-centre answer. */
function expectNotAnswered(reply: string): void {
  // The honest not-found, with or without near entries, or the reply of the unanswered questions' topic.
  const heads = [FAQ_MESSAGES.notFound, FAQ_MESSAGES.notFoundNear, unansweredTopic().reply!].map(
    (m) => m.split("\n")[0]!,
  );
  expect(
    heads.some((h) => reply.includes(h)),
    reply,
  ).toBe(true);
  expect(reply).not.toContain(FAQ_ENTRIES.find((e) => e.id === "callcentre")!.answer);
}

describe("Worker knowledge", () => {
  it("answers from a publish made elsewhere on the next request, and from a revert after it", async () => {
    const userId = newUserId();
    expectNotAnswered(await ask(userId));

    const current = composeKnowledge(FAQ_ENTRIES, await knowledgeRows(db)).find(
      (c) => c.id === "callcentre",
    )!;
    const seed = fromSeed(FAQ_ENTRIES.find((e) => e.id === "callcentre")!);
    const staff = { staffId: 1 };
    await publishEntry(db, current, { ...seed, questions: [...seed.questions, QUESTION] }, staff, new Date());
    const answered = await ask(userId);
    expect(answered).toContain(seed.answer);

    const published = composeKnowledge(FAQ_ENTRIES, await knowledgeRows(db)).find(
      (c) => c.id === "callcentre",
    )!;
    await publishEntry(db, published, seed, staff, new Date(), "revert");
    expectNotAnswered(await ask(userId));
    // Back to the seed's exact content: no override is left behind for the other test files.
    expect((await knowledgeRows(db)).find((r) => r.id === "callcentre")?.published).toBeNull();
  });

  it("answers with the learned intent model in workerd too: 「きかいは何をかえばいいの」 gets its entry outright", async () => {
    // The lexical ranking alone finds nothing to assert here; the model (decoded from base64 in the
    // bundle) does, and must read it the same way in workerd as on Node.
    const entry = FAQ_ENTRIES.find((e) => e.id === "device-types")!;
    const reply = await ask(newUserId(), "きかいは何をかえばいいの");
    expect(reply).toContain(entry.answer.split("\n")[0]!.slice(0, 30));
    expect(reply).not.toContain("もしかして");
  });
});
