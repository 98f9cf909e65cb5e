import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { type Harness, type Session, seedMember, seedStaff, signIn, startHarness } from "./harness.js";

describe("admin broadcasts", () => {
  let h: Harness;
  let admin: Session;
  let clerk: Session;
  const notApplied: string[] = [];
  beforeAll(async () => {
    h = await startHarness();
    await seedStaff(h, "admin", "a-long-password-1", "admin");
    await seedStaff(h, "clerk", "a-long-password-2", "staff");
    admin = await signIn(h, "admin", "a-long-password-1");
    clerk = await signIn(h, "clerk", "a-long-password-2");
    notApplied.push(await seedMember(h, { step: "registered" }), await seedMember(h, { step: null }));
    await seedMember(h, { step: "applied" });
    await seedMember(h, { step: "registered", status: "inactive" });
  });
  afterAll(() => h.close());

  const compose = (s: Session, form: Record<string, string>) =>
    s.post("/admin/broadcasts", {
      text: "ポータルサイトの運用を再開しました。",
      linkLabel: "",
      linkUri: "",
      ...form,
    });

  it("refuses an empty text, an over-long one and a non-https link, keeping what was typed", async () => {
    const res = await compose(admin, {
      text: " ",
      audienceKind: "all",
      linkLabel: "詳しく",
      linkUri: "http://x",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("本文を入力してください");
    expect(html).toContain("https:// で始まるURL");
    expect(html).toContain('value="詳しく"');
    const long = await compose(admin, { text: "あ".repeat(5001), audienceKind: "all" });
    expect(await long.text()).toContain("5,000文字以内");
  });

  it("lets only admins write to everyone", async () => {
    const res = await compose(clerk, { audienceKind: "all" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("全員への配信は管理者のみ");
  });

  it("previews a draft as a phone bubble with its link button and the live recipient count", async () => {
    const res = await compose(clerk, {
      audienceKind: "notReached",
      notReachedStep: "applied",
      linkLabel: "お知らせを見る",
      linkUri: "https://example.jp/news",
    });
    expect(res.status).toBe(303);
    const page = await (await clerk.get(res.headers.get("location")!)).text();
    expect(page).toContain('data-testid="preview-bubble"');
    expect(page).toContain('href="https://example.jp/news"');
    expect(page).toContain("「利用開始申請済み」まで進んでいない会員");
    expect(page).toMatch(/data-testid="recipient-count">2 人/);
    expect(page).toContain("今月の残り通数");
    const [row] = await h.db.select().from(schema.broadcasts);
    const [message] = JSON.parse(row!.messages);
    expect(message.type).toBe("flex");
    expect(message.contents.footer.contents[0].action).toEqual({
      type: "uri",
      label: "お知らせを見る",
      uri: "https://example.jp/news",
    });
  });

  it("sends now to exactly the audience and shows the delivery figures", async () => {
    const [row] = await h.db.select().from(schema.broadcasts);
    const res = await clerk.post(`/admin/broadcasts/${row!.id}/send`);
    expect(res.headers.get("location")).toContain("done=sending");
    const receivers = h.emulator.emulator.deliveries().map((d) => d.userId);
    expect(receivers.sort()).toEqual([...notApplied].sort());
    const page = await (await clerk.get(`/admin/broadcasts/${row!.id}`)).text();
    expect(page).toMatch(/data-testid="status">送信済み/);
    expect(page).toMatch(/data-testid="sent-count">2 人/);
    expect((await clerk.post(`/admin/broadcasts/${row!.id}/send`)).headers.get("location")).toContain(
      "notChangeable",
    );
  });

  it("schedules in Japan time, refuses the past, and cancels", async () => {
    const created = await compose(admin, { audienceKind: "journeyStep", step: "registered" });
    const id = created.headers.get("location")!.match(/broadcasts\/(\d+)/)![1]!;
    const past = await admin.post(`/admin/broadcasts/${id}/schedule`, { at: "2026-11-25T09:00" });
    expect(past.headers.get("location")).toContain("badTime");
    const ok = await admin.post(`/admin/broadcasts/${id}/schedule`, { at: "2026-11-26T09:30" });
    expect(ok.headers.get("location")).toContain("done=scheduled");
    const rows = await h.db.select().from(schema.broadcasts);
    expect(rows.find((r) => String(r.id) === id)?.scheduledAt).toBe("2026-11-26T00:30:00.000Z");
    expect((await admin.post(`/admin/broadcasts/${id}/cancel`)).headers.get("location")).toContain(
      "done=cancelled",
    );
    const actions = (await h.db.select().from(schema.auditLog)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "broadcast.create",
        "broadcast.send",
        "broadcast.schedule",
        "broadcast.cancel",
      ]),
    );
  });

  it("opens the compose form, empty or as a copy of an earlier broadcast", async () => {
    const empty = await admin.get("/admin/broadcasts/new");
    expect(empty.status).toBe(200);
    const [row] = await h.db.select().from(schema.broadcasts);
    const copy = await (await admin.get(`/admin/broadcasts/new?copy=${row!.id}`)).text();
    expect(copy).toContain("ポータルサイトの運用を再開しました。</textarea>");
    expect(copy).toContain('value="https://example.jp/news"');
  });

  it("lists the broadcasts", async () => {
    const html = await (await admin.get("/admin/broadcasts")).text();
    expect(html).toContain("ポータルサイトの運用を再開しました。");
    expect(html).toContain("取り消し");
  });

  it("tells the recipient count and quota while composing, before any draft is saved", async () => {
    const drafts = (await h.db.select().from(schema.broadcasts)).length;
    const page = await (await clerk.get("/admin/broadcasts/new")).text();
    expect(page).toMatch(
      /data-testid="compose-count"[^>]*>「利用開始申請済み」まで進んでいない会員：いま 2 人（今月の残り [\d,]+ 通）/,
    );
    const ask = async (s: Session, q: Record<string, string>) =>
      (await s.get(`/admin/broadcasts/audience?${new URLSearchParams(q)}`)).json() as Promise<{
        count: number | null;
        text: string;
      }>;
    expect(await ask(clerk, { audienceKind: "journeyStep", step: "registered" })).toMatchObject({ count: 1 });
    expect(await ask(clerk, { audienceKind: "journeyStep", step: "none" })).toMatchObject({ count: 1 });
    expect((await ask(clerk, { audienceKind: "all" })).text).toContain("管理者のみ");
    expect(await ask(admin, { audienceKind: "all" })).toMatchObject({ count: 3 }); // blocked members never count
    expect((await ask(admin, { audienceKind: "affiliation", affiliation: "どこか" })).count).toBeNull();
    expect((await h.db.select().from(schema.broadcasts)).length).toBe(drafts);
  });

  it("offers 「作り直す」 from a sent broadcast, copying text and audience", async () => {
    const [sent] = (await h.db.select().from(schema.broadcasts)).filter((b) => b.status === "sent");
    const page = await (await admin.get(`/admin/broadcasts/${sent!.id}`)).text();
    expect(page).toContain(`href="/admin/broadcasts/new?copy=${sent!.id}"`);
    expect(page).toContain("作り直す");
    const copy = await (await admin.get(`/admin/broadcasts/new?copy=${sent!.id}`)).text();
    expect(copy).toContain(`お知らせ #${sent!.id} の内容と宛先をコピーしました`);
    expect(copy).toMatch(/value="notReached" checked/);
  });

  it("says a failing broadcast is being retried instead of 「失敗 なし」", async () => {
    const created = await compose(admin, { audienceKind: "journeyStep", step: "registered" });
    const id = created.headers.get("location")!.match(/broadcasts\/(\d+)/)![1]!;
    h.emulator.emulator.failNext("/v2/bot/message/multicast", [500, 500, 500, 500, 500]);
    await admin.post(`/admin/broadcasts/${id}/send`);
    const page = await (await admin.get(`/admin/broadcasts/${id}`)).text();
    expect(page).toMatch(/data-testid="status">送信中（再送を待っています）/);
    expect(page).toContain("自動でもう一度送ります");
    expect(page).not.toMatch(/data-testid="failures">なし/);
  });
});
