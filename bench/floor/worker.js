// The platform floor for bench:load --target floor: a Worker that does per webhook event only the I/O
// and crypto the helpdesk cannot avoid (HMAC check of the raw body, one D1 read, one AES-GCM seal and
// open, one D1 batch of three writes, one LINE reply after the 200, one log line), with none of the
// helpdesk's code. Its CPU per event, measured the same way, is what this machine's workerd costs
// before any of our work: the helpdesk's own share is the difference.
const encoder = new TextEncoder();
let keys;
let tablesReady = false;

async function cryptoKeys(env) {
  keys ??= {
    hmac: await crypto.subtle.importKey(
      "raw",
      encoder.encode(env.LINE_CHANNEL_SECRET),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["verify"],
    ),
    aes: await crypto.subtle.importKey("raw", crypto.getRandomValues(new Uint8Array(32)), "AES-GCM", false, [
      "encrypt",
      "decrypt",
    ]),
  };
  return keys;
}

function fromBase64(s) {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/health") return Response.json({ ok: true });
    if (url.pathname !== "/webhook" || request.method !== "POST")
      return new Response("not found", { status: 404 });
    const raw = new Uint8Array(await request.arrayBuffer());
    const { hmac, aes } = await cryptoKeys(env);
    const signature = fromBase64(request.headers.get("x-line-signature") ?? "");
    if (!(await crypto.subtle.verify("HMAC", hmac, signature, raw)))
      return new Response("bad signature", { status: 401 });
    const event = JSON.parse(new TextDecoder().decode(raw)).events[0];
    if (!tablesReady) {
      await env.DB.exec(
        "create table if not exists floor_state (user_id text primary key, state blob, version integer); create table if not exists floor_events (id text primary key, at text); create table if not exists floor_outcomes (at text, kind text)",
      );
      tablesReady = true;
    }
    const row = await env.DB.prepare(
      "select state, version, exists(select 1 from floor_events where id = ?1) as processed from floor_state where user_id = ?2",
    )
      .bind(event.webhookEventId, event.source.userId)
      .first();
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const state = JSON.stringify({
      flow: "menu",
      step: "idle",
      answers: { familyName: "埼玉", givenName: "太郎" },
      text: event.message.text,
    });
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt({ name: "AES-GCM", iv }, aes, encoder.encode(state)),
    );
    await crypto.subtle.decrypt({ name: "AES-GCM", iv }, aes, sealed);
    const now = new Date().toISOString();
    await env.DB.batch([
      env.DB.prepare("insert into floor_events (id, at) values (?1, ?2) on conflict do nothing").bind(
        event.webhookEventId,
        now,
      ),
      env.DB.prepare(
        "insert into floor_state (user_id, state, version) values (?1, ?2, 1) on conflict (user_id) do update set state = excluded.state, version = floor_state.version + 1",
      ).bind(event.source.userId, sealed),
      env.DB.prepare("insert into floor_outcomes (at, kind) values (?1, ?2)").bind(
        now,
        row ? "again" : "first",
      ),
    ]);
    console.log(JSON.stringify({ level: "info", event: "event.processed", kind: "text", replies: 1 }));
    ctx.waitUntil(
      fetch(`${env.LINE_API_BASE_URL}/v2/bot/message/reply`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${env.LINE_CHANNEL_ACCESS_TOKEN}`,
        },
        body: JSON.stringify({
          replyToken: event.replyToken,
          messages: [{ type: "text", text: "メニューです。下のボタンから選んでください。" }],
        }),
      }).then((r) => r.text()),
    );
    return Response.json({ ok: true });
  },
};
