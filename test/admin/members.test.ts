import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import {
  maskEmail,
  maskKeepFirst,
  maskKeepLast,
  maskPhone,
  maskRegistrationNumber,
} from "../../src/admin/members/mask.js";
import { type Harness, type Session, seedMember, seedStaff, signIn, startHarness } from "./harness.js";

const TARO = {
  familyName: "埼玉",
  givenName: "太郎",
  affiliation: "施術所（柔道整復）" as const,
  agreementKind: "協" as const,
  registrationDigits: "110123456",
  clinicName: "さいたま接骨院",
  phoneNumber: "09012345678",
  email: "taro@example.jp",
};

describe("member masking", () => {
  it("keeps enough to recognise a member", () => {
    expect(`${maskKeepFirst("埼玉")} ${maskKeepLast("太郎")}`).toBe("埼＊ ＊郎");
    expect(maskPhone("09012345678")).toBe("090****5678");
    expect(maskEmail("taro@example.jp")).toBe("t***@example.jp");
    expect(maskRegistrationNumber("協1101234-5-6")).toBe("協11*****-*-6");
  });
});

describe("admin members", () => {
  let h: Harness;
  let s: Session;
  let taro: string;
  let hanako: string;
  let blocked: string;
  beforeAll(async () => {
    h = await startHarness();
    await seedStaff(h, "admin", "a-long-password-1");
    s = await signIn(h, "admin", "a-long-password-1");
    taro = await seedMember(h, { step: "linkSent", registration: TARO });
    hanako = await seedMember(h, {
      step: "registered",
      registration: {
        ...TARO,
        familyName: "川越",
        givenName: "花子",
        clinicName: "川越はり灸院",
        affiliation: "施術所（あん摩マッサージ指圧・はり・きゅう）",
      },
    });
    blocked = await seedMember(h, { step: null, status: "inactive" });
  });
  afterAll(() => h.close());

  it("searches by a fragment of the clinic name (full-width or not) and by user id", async () => {
    const byName = await (await s.get(`/admin/members?q=${encodeURIComponent("さいたま")}`)).text();
    expect(byName).toContain(`data-user-id="${taro}"`);
    expect(byName).not.toContain(`data-user-id="${hanako}"`);
    const byId = await (await s.get(`/admin/members?q=${hanako.slice(0, 20)}`)).text();
    expect(byId).toContain(`data-user-id="${hanako}"`);
    expect(byId).not.toContain(`data-user-id="${taro}"`);
  });

  it("filters by step, affiliation and status", async () => {
    const step = await (await s.get("/admin/members?step=registered")).text();
    expect(step).toContain(hanako);
    expect(step).not.toContain(taro);
    const aff = await (
      await s.get(`/admin/members?affiliation=${encodeURIComponent("施術所（柔道整復）")}`)
    ).text();
    expect(aff).toContain(taro);
    expect(aff).not.toContain(hanako);
    const inactive = await (await s.get("/admin/members?status=inactive")).text();
    expect(inactive).toContain(blocked);
    expect(inactive).not.toContain(taro);
  });

  it("masks the form answers until a POST reveals them, and audits the reveal", async () => {
    const page = await (await s.get(`/admin/members/${taro}`)).text();
    expect(page).toContain("埼＊ ＊郎");
    expect(page).toContain("090****5678");
    expect(page).not.toContain("09012345678");
    const revealed = await (await s.post(`/admin/members/${taro}/reveal`)).text();
    expect(revealed).toContain("埼玉 太郎");
    expect(revealed).toContain("09012345678");
    expect(revealed).toContain("協1101234-5-6");
    const audit = await h.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, "member.reveal"));
    expect(audit.map((a) => a.target)).toEqual([taro]);
  });

  it("relays 「メール認証済み」: staff journey row, step moved, link reminders cancelled, polite push", async () => {
    await h.db.insert(schema.reminders).values({
      id: crypto.randomUUID(),
      userId: taro,
      kind: "linkExpired",
      dueAt: "2026-11-26T01:00:00.000Z",
      retryKey: crypto.randomUUID(),
      createdAt: "2026-11-25T00:00:00.000Z",
    });
    const since = h.emulator.emulator.lastSeq();
    const res = await s.post(`/admin/members/${taro}/relay`, {
      notice: "mailVerified",
      retryKey: crypto.randomUUID(),
      confirmed: "1",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("done=sent");
    const [member] = await h.db.select().from(schema.members).where(eq(schema.members.userId, taro));
    expect(member?.journeyStep).toBe("registered");
    const events = await h.db
      .select()
      .from(schema.journeyEvents)
      .where(eq(schema.journeyEvents.userId, taro));
    expect(events.map((e) => [e.step, e.source])).toEqual([["registered", "staff"]]);
    const reminders = await h.db.select().from(schema.reminders).where(eq(schema.reminders.userId, taro));
    expect(reminders.find((r) => r.kind === "linkExpired")?.status).toBe("cancelled");
    expect(reminders.find((r) => r.kind === "applyStart")?.status).toBe("pending");
    const pushes = h.emulator.emulator.deliveries({ userId: taro, sinceSeq: since });
    expect(pushes).toHaveLength(1);
    expect(pushes[0]?.via).toBe("push");
    expect(JSON.stringify(pushes[0]?.messages)).toContain("ユーザー登録（メールの認証）が完了");
  });

  it("does not move a member back when a notice is behind their step", async () => {
    const res = await s.post(`/admin/members/${hanako}/relay`, {
      notice: "mailVerified",
      retryKey: crypto.randomUUID(),
      confirmed: "1",
      behind: "1",
    });
    expect(res.headers.get("location")).toContain("done=sentNoAdvance");
    const [member] = await h.db.select().from(schema.members).where(eq(schema.members.userId, hanako));
    expect(member?.journeyStep).toBe("registered");
  });

  it("takes the member's next conversation version, so an event in flight retries on fresh state", async () => {
    const id = await seedMember(h, { step: "registered" });
    await h.db
      .insert(schema.conversations)
      .values({ userId: id, state: "plain:{}", version: 3, updatedAt: "x" });
    await s.post(`/admin/members/${id}/relay`, {
      notice: "applicationApproved",
      retryKey: crypto.randomUUID(),
      confirmed: "1",
    });
    await s.post(`/admin/members/${id}/erase`);
    const [conversation] = await h.db
      .select()
      .from(schema.conversations)
      .where(eq(schema.conversations.userId, id));
    const markers = await h.db
      .select()
      .from(schema.processedEvents)
      .where(eq(schema.processedEvents.userId, id));
    expect(conversation?.version).toBe(5);
    expect(markers.map((m) => [m.userVersion, m.webhookEventId.split(":").slice(0, 2).join(":")])).toEqual([
      [4, "staff:relay"],
      [5, "staff:erase"],
    ]);
  });

  it("keeps notes sealed and shows them on the member page", async () => {
    await s.post(`/admin/members/${taro}/notes`, { note: "電話で確認済み" });
    const [note] = await h.db.select().from(schema.memberNotes);
    expect(note?.note).toMatch(/^plain:|^v2:/);
    expect(await (await s.get(`/admin/members/${taro}`)).text()).toContain("電話で確認済み");
  });

  it("erases a member's data (admin) and audits it", async () => {
    const res = await s.post(`/admin/members/${taro}/erase`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/members?done=erased");
    expect(await (await s.get("/admin/members?done=erased")).text()).toContain(
      "この会員のデータを削除しました",
    );
    expect(await h.db.select().from(schema.members).where(eq(schema.members.userId, taro))).toEqual([]);
    expect(
      await h.db.select().from(schema.memberNotes).where(eq(schema.memberNotes.userId, taro)),
    ).toHaveLength(0);
    const audit = await h.db.select().from(schema.auditLog);
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["member.relay", "member.note", "member.erase"]),
    );
    // The trail keeps what staff did, not whom it was about once that member is erased.
    expect(audit.filter((a) => a.target === taro)).toEqual([]);
  });
});
