import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { plainCipher } from "../../src/store/cipher.js";
import { type Harness, type Session, seedMember, seedStaff, signIn, startHarness } from "./harness.js";

describe("admin inquiries and dashboard", () => {
  let h: Harness;
  let s: Session;
  let member: string;
  let inquiryId: number;
  beforeAll(async () => {
    h = await startHarness();
    await seedStaff(h, "clerk", "a-long-password-2", "staff");
    s = await signIn(h, "clerk", "a-long-password-2");
    member = await seedMember(h, {
      step: "registered",
      registration: { familyName: "埼玉", givenName: "太郎", clinicName: "浦和接骨院" },
    });
    await seedMember(h, { step: "registered" });
    await seedMember(h, { step: "applied" });
    const [row] = await h.db
      .insert(schema.inquiries)
      .values({
        userId: member,
        question: await plainCipher.seal("申請画面が開けません"),
        createdAt: h.clock.now().toISOString(),
      })
      .returning();
    inquiryId = row!.id;
    await h.db.insert(schema.reminders).values({
      id: crypto.randomUUID(),
      userId: member,
      kind: "applyStart",
      dueAt: new Date(h.clock.now().getTime() + 3_600_000).toISOString(),
      retryKey: crypto.randomUUID(),
      createdAt: h.clock.now().toISOString(),
    });
  });
  afterAll(() => h.close());

  it("shows the figures, the step chart and the LINE quota", async () => {
    const html = await (await s.get("/admin")).text();
    expect(html).toContain("<svg");
    expect(html).toMatch(/ユーザー登録完了<\/text><rect[^>]*><\/rect><text[^>]*>2<\/text>/);
    expect(html).toMatch(/未対応のお問い合わせ<\/div><div class="num"><a href="\/admin\/inquiries">1</);
    expect(html).toMatch(/24時間以内に送るリマインダー<\/div><div class="num">1</);
    expect(html).toContain("上限 5,000 通");
  });

  it("shows how many staff-group alerts went out this month, once a group is configured", async () => {
    expect(await (await s.get("/admin")).text()).toContain(
      "通知先の職員グループが決まっていないため、使っていません",
    );
    h.deps.staffGroup = { groupId: `C${"0".repeat(32)}` };
    await h.db.update(schema.inquiries).set({ staffNotifiedAt: h.clock.now().toISOString() });
    const html = await (await s.get("/admin")).text();
    expect(html).toMatch(/職員グループへの通知（今月）<\/div><div class="num">1 通</);
    expect(html).toContain("今月の送信数に含まれます");
    h.deps.staffGroup = undefined;
  });

  it("counts only members still friends as new friends of the past 7 days", async () => {
    const card = async () =>
      /過去7日の新しい友だち<\/div><div class="num">(\d+)</.exec(await (await s.get("/admin")).text())?.[1];
    expect(await card()).toBe("3");
    await seedMember(h, { status: "inactive" }); // followed and blocked this week
    expect(await card()).toBe("3");
    const active = /友だち（有効）<\/div><div class="num">(\d+)</.exec(
      await (await s.get("/admin")).text(),
    )?.[1];
    expect(Number(await card())).toBeLessThanOrEqual(Number(active));
  });

  it("lists open questions decrypted with who asked (masked) and pushes the answer with the polite lead-in", async () => {
    const list = await (await s.get("/admin/inquiries")).text();
    expect(list).toContain("申請画面が開けません");
    expect(list).toContain("浦和接骨院 埼＊ ＊郎");
    expect(list).toContain(`href="/admin/members/${member}"`);
    expect(list).not.toContain("太郎");
    const since = h.emulator.emulator.lastSeq();
    const res = await s.post(`/admin/inquiries/${inquiryId}/answer`, {
      answer: "ブラウザを最新にしてお試しください。",
      retryKey: crypto.randomUUID(),
    });
    expect(res.headers.get("location")).toContain("done=answered");
    const [push] = h.emulator.emulator.deliveries({ userId: member, sinceSeq: since });
    const texts = ((push?.messages ?? []) as Array<{ text: string }>).map((m) => m.text);
    expect(texts[0]).toContain("お問い合わせいただいた件について");
    // Signed with the staff member's name, not the login id.
    expect(texts[1]).toBe("ブラウザを最新にしてお試しください。\n\n（担当：clerkさん）");
    const [row] = await h.db.select().from(schema.inquiries).where(eq(schema.inquiries.id, inquiryId));
    expect(row).toMatchObject({ status: "answered", answeredBy: "clerkさん" });
    expect(await (await s.get(`/admin/inquiries/${inquiryId}`)).text()).toContain("担当：clerkさん");
    expect(row?.answer).toMatch(/^plain:/);
    const again = await s.post(`/admin/inquiries/${inquiryId}/answer`, { answer: "二度目" });
    expect(again.headers.get("location")).toContain("done=already");
  });

  it("keeps the question open when the push fails", async () => {
    const [row] = await h.db
      .insert(schema.inquiries)
      .values({
        userId: member,
        question: await plainCipher.seal("もう一つ"),
        createdAt: h.clock.now().toISOString(),
      })
      .returning();
    h.emulator.emulator.failNext("/v2/bot/message/push", [400]);
    const res = await s.post(`/admin/inquiries/${row!.id}/answer`, { answer: "回答" });
    expect(res.headers.get("location")).toContain("pushFailed");
    const [after] = await h.db.select().from(schema.inquiries).where(eq(schema.inquiries.id, row!.id));
    expect(after?.status).toBe("open");
  });
});
