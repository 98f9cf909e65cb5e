// 「データ削除」 on the Worker (D1): every row naming the member goes except the de-duplication keys,
// including their id in a broadcast plan (the JSON functions D1 runs).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliveriesTo, issueReplyToken, newUserId, postWebhook, textEvent } from "./helpers.js";

async function tablesNaming(userId: string): Promise<string[]> {
  const tables = await env.DB.prepare(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name <> 'd1_migrations'",
  ).all<{ name: string }>();
  const found: string[] = [];
  for (const { name } of tables.results) {
    const columns = await env.DB.prepare("select name from pragma_table_info(?)")
      .bind(name)
      .all<{ name: string }>();
    for (const column of columns.results) {
      const row = await env.DB.prepare(
        `select count(*) as n from "${name}" where instr(cast("${column.name}" as text), ?) > 0`,
      )
        .bind(userId)
        .first<{ n: number }>();
      if (Number(row?.n) > 0) found.push(`${name}.${column.name}`);
    }
  }
  return found;
}

describe("Worker erasure", () => {
  it("leaves no row with the member's id but the de-duplication keys", async () => {
    const userId = newUserId();
    for (const text of ["登録", "織田", "信長"]) {
      await postWebhook(textEvent(userId, text, await issueReplyToken(userId)));
    }
    await env.DB.batch([
      env.DB.prepare(
        "update members set affiliation = '1', journey_step = 'linkSent' where user_id = ?",
      ).bind(userId),
      env.DB.prepare(
        "insert into journey_events (user_id, step, source, at) values (?, 'linkSent', 'member', ?)",
      ).bind(userId, new Date().toISOString()),
      env.DB.prepare(
        "insert into broadcast_chunks (broadcast_id, seq, user_ids, retry_key, status) values (999999, 0, ?, 'k', 'pending')",
      ).bind(JSON.stringify(["Uother", userId])),
    ]);
    expect((await tablesNaming(userId)).length).toBeGreaterThan(2);

    await postWebhook(textEvent(userId, "データ削除", await issueReplyToken(userId)));
    const res = await postWebhook({
      type: "postback",
      mode: "active",
      timestamp: Date.now(),
      webhookEventId: `01ERASE${crypto.randomUUID().replaceAll("-", "").slice(0, 19).toUpperCase()}`,
      deliveryContext: { isRedelivery: false },
      source: { type: "user", userId },
      replyToken: await issueReplyToken(userId),
      postback: { data: "a=erase.yes" },
    });
    expect(res.status).toBe(200);
    const last = (await deliveriesTo(userId, 2_000)).at(-1);
    expect(JSON.stringify(last?.messages)).toContain("削除しました");
    expect(await tablesNaming(userId)).toEqual(["conversations.user_id", "processed_events.user_id"]);
    const chunk = await env.DB.prepare(
      "select user_ids from broadcast_chunks where broadcast_id = 999999",
    ).first();
    expect(JSON.parse(String(chunk?.user_ids))).toEqual(["Uother"]);
  });
});
