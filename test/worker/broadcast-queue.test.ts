// 「今すぐ送信」 on the Worker: the staff request hands the fan-out to the SCHEDULED_WORK queue and
// answers at once; the Worker's queue handler sends every chunk (not the next cron). Without the
// queue bound, the request's waitUntil starts it instead.
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it, vi } from "vitest";
import * as schema from "../../db/schema.js";
import { hashPassword } from "../../src/admin/auth/password.js";
import type { Database } from "../../src/store/database.js";
import { createStaff } from "../../src/store/staff.js";
import { callWorker, deliveriesTo, newUserId } from "./helpers.js";

const BASE = "https://worker.test";

function cookiesOf(res: Response): string {
  const headers = res.headers as Headers & { getSetCookie(): string[] };
  return headers
    .getSetCookie()
    .map((c: string) => c.split(";")[0])
    .join("; ");
}

let session: { cookie: string; csrf: string } | undefined;
async function signedIn(): Promise<{ cookie: string; csrf: string }> {
  if (session) return session;
  const db = drizzle(env.DB, { schema }) as unknown as Database;
  const loginId = `admin-${crypto.randomUUID().slice(0, 8)}`;
  const password = "correct horse battery staple";
  await createStaff(
    db,
    { loginId, displayName: "事務局", role: "admin", passwordHash: await hashPassword(password) },
    new Date(),
  );
  const form = await callWorker(new Request(`${BASE}/admin/login`));
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
  const signIn = await callWorker(
    new Request(`${BASE}/admin/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(form), origin: BASE },
      body: new URLSearchParams({ _csrf: csrf, loginId, password }).toString(),
    }),
  );
  const cookie = cookiesOf(signIn);
  const page = await (await callWorker(new Request(`${BASE}/admin`, { headers: { cookie } }))).text();
  session = { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "" };
  return session;
}

/** A draft for 600 fresh members of their own affiliation (two chunks). */
async function draftFor(members: string[]): Promise<number> {
  const affiliation = `queue-test-${crypto.randomUUID()}`;
  const at = new Date().toISOString();
  await env.DB.batch(
    members.map((userId) =>
      env.DB.prepare(
        "insert into members (user_id, status, affiliation, created_at) values (?, 'active', ?, ?)",
      ).bind(userId, affiliation, at),
    ),
  );
  const row = await env.DB.prepare(
    "insert into broadcasts (messages, audience, status, created_at) values (?, ?, 'draft', ?) returning id",
  )
    .bind(
      JSON.stringify([{ type: "text", text: "お知らせです。" }]),
      JSON.stringify({ kind: "affiliation", affiliation }),
      at,
    )
    .first<{ id: number }>();
  return row!.id;
}

async function sendNow(id: number, overrides: Record<string, string> = {}): Promise<Response> {
  const { cookie, csrf } = await signedIn();
  return callWorker(
    new Request(`${BASE}/admin/broadcasts/${id}/send`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: BASE },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
    }),
    overrides,
  );
}

async function statusOf(id: number) {
  return env.DB.prepare("select status, sent_count from broadcasts where id = ?")
    .bind(id)
    .first<{ status: string; sent_count: number }>();
}

describe("「今すぐ送信」 on the Worker", () => {
  it("hands the fan-out to the queue, whose consumer sends every chunk", async () => {
    const members = Array.from({ length: 600 }, () => newUserId());
    const id = await draftFor(members);
    const logged = vi.spyOn(console, "log");
    try {
      const res = await sendNow(id);
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe(`/admin/broadcasts/${id}?done=sending`);
      await vi.waitFor(async () => expect(await statusOf(id)).toEqual({ status: "sent", sent_count: 600 }), {
        timeout: 10_000,
        interval: 100,
      });
      const lines = logged.mock.calls.map((c) => String(c[0]));
      expect(
        lines.some((l) => l.includes('"event":"queue.broadcast"') && l.includes(`"broadcastId":${id}`)),
      ).toBe(true);
    } finally {
      logged.mockRestore();
    }
    for (const userId of [members[0]!, members[599]!])
      expect((await deliveriesTo(userId)).map((d) => d.via)).toEqual(["multicast"]);
  });

  it("without the queue, starts it in the request's waitUntil", async () => {
    const members = Array.from({ length: 3 }, () => newUserId());
    const id = await draftFor(members);
    const res = await sendNow(id, { SCHEDULED_WORK: undefined as unknown as string });
    expect(res.status).toBe(303);
    expect(await statusOf(id)).toEqual({ status: "sent", sent_count: 3 });
  });
});
