// Finding a member by name or phone number although both are sealed: a keyed blind index written
// with the registration (by the real bot), searched from the members list, erased with the member.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { findByIndex, INDEX_VERSION, searchIndexFor } from "../../src/store/search-index.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { completeRegistration, SAMPLE } from "../helpers/e2e-form.js";
import { Member } from "../helpers/e2e-member.js";
import { type Harness, type Session, seedMember, seedStaff, signIn, startHarness } from "./harness.js";

describe("members list: name column and search by name and phone", () => {
  let h: Harness;
  let s: Session;
  let saitama: string;
  beforeAll(async () => {
    h = await startHarness();
    await seedStaff(h, "clerk", "clerk-password-1", "staff");
    s = await signIn(h, "clerk", "clerk-password-1");
    saitama = await seedMember(h, {
      registration: {
        familyName: "埼玉",
        givenName: "太郎",
        clinicName: "浦和接骨院",
        phoneNumber: "0486251211",
      },
    });
    await seedMember(h, {
      registration: {
        familyName: "埼玉",
        givenName: "花子",
        clinicName: "大宮整骨院",
        phoneNumber: "09012345678",
      },
    });
    await seedMember(h, {
      registration: {
        familyName: "川越",
        givenName: "一郎",
        clinicName: "川越ほねつぎ院",
        phoneNumber: "0492221111",
      },
    });
  });
  afterAll(() => h.close());

  const found = async (q: string) => {
    const html = await (await s.get(`/admin/members?q=${encodeURIComponent(q)}`)).text();
    return [...html.matchAll(/data-user-id="([^"]+)"/g)].map((m) => m[1]);
  };

  it("shows the masked name next to the clinic, never the full name", async () => {
    const html = await (await s.get("/admin/members")).text();
    expect(html).toContain("<th>氏名</th>");
    expect(html).toContain("埼＊ ＊郎");
    expect(html).not.toContain("太郎");
  });

  it("finds by the full name however it is spaced, by family name, and by phone with hyphens", async () => {
    expect(await found("埼玉 太郎")).toEqual([saitama]);
    expect(await found("埼玉　太郎")).toEqual([saitama]);
    expect(await found("埼玉太郎")).toEqual([saitama]);
    expect(await found("埼玉")).toHaveLength(2);
    expect(await found("048-625-1211")).toEqual([saitama]);
    expect(await found("０４８６２５１２１１")).toEqual([saitama]);
    expect(await found("浦和")).toEqual([saitama]); // clinic fragment as before
    expect(await found("太")).toEqual([]); // a part of a name is not enough (exact matches only)
    expect(await found("0486")).toEqual([]);
  });

  it("stores only HMAC digests, which a different key does not reproduce", async () => {
    const rows = await h.db.select().from(schema.memberSearchKeys);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      // The marker row's digest is the index version; every other row is a 64-hex HMAC.
      expect(r.kind === "indexed" ? r.digest === INDEX_VERSION : /^[0-9a-f]{64}$/.test(r.digest)).toBe(true);
      expect(r.digest).not.toContain("0486251211");
    }
    const other = searchIndexFor(btoa(String.fromCharCode(...new Uint8Array(32).fill(7))));
    expect(await findByIndex(h.db, other, "埼玉太郎")).toEqual([]);
    expect(await findByIndex(h.db, h.deps.searchIndex!, "埼玉太郎")).toEqual([saitama]);
  });

  it("indexes members registered before the index existed on the first search", async () => {
    const old = await seedMember(h, {
      registration: {
        familyName: "所沢",
        givenName: "次郎",
        clinicName: "所沢接骨院",
        phoneNumber: "0429991111",
      },
    });
    await h.db.delete(schema.memberSearchKeys).where(eq(schema.memberSearchKeys.userId, old));
    expect(await found("所沢 次郎")).toEqual([old]);
  });
});

describe("blind index written by the bot", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.stop());

  it("is written when a member confirms the form and erased with 「データ削除」", async () => {
    const m = new Member(() => bot);
    await m.follow();
    await completeRegistration(m);
    const index = bot.bot.searchIndex!;
    expect(await findByIndex(bot.db, index, `${SAMPLE.familyName} ${SAMPLE.givenName}`)).toEqual([m.userId]);
    expect(await findByIndex(bot.db, index, SAMPLE.phone)).toEqual([m.userId]);
    await m.say("データ削除");
    await m.tap(m.quickLabels.find((l) => l.includes("削除"))!);
    const rows = await bot.db
      .select()
      .from(schema.memberSearchKeys)
      .where(eq(schema.memberSearchKeys.userId, m.userId));
    expect(rows).toEqual([]);
    expect(await findByIndex(bot.db, index, SAMPLE.phone)).toEqual([]);
  });
});
