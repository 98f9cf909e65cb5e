// Roster coverage for the association's campaign, against a roster of 1,000 rows and members at
// mixed steps: matched by the number a member confirms (before or after the import), linked by
// staff by hand, counted on the dashboard, listed by state, the not-done rows exported as CSV, and
// the broadcast audience 「名簿の会員で、まだ導入完了していない人」.

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { maskRegistrationNumber } from "../../src/admin/members/mask.js";
import { audienceWhere } from "../../src/broadcast/audience.js";
import { JOURNEY_STEPS, type JourneyStep, type RegistrationAnswers } from "../../src/engine/types.js";
import { plainCipher } from "../../src/store/cipher.js";
import { runBatch } from "../../src/store/database.js";
import { effectStatements } from "../../src/store/effect-statements.js";
import { type Harness, type Session, seedMember, seedStaff, signIn, startHarness } from "./harness.js";

const ROWS = 1_000;
const digits = (i: number) => `11${String(i).padStart(5, "0")}00`;
const number = (i: number) => `協${digits(i).slice(0, 7)}-${digits(i)[7]}-${digits(i)[8]}`;
const answers = (i: number): RegistrationAnswers => ({
  familyName: "埼玉",
  givenName: `太郎${i}`,
  clinicName: `接骨院${i}`,
  agreementKind: "協",
  registrationDigits: digits(i),
});
const MIDDLE: JourneyStep[] = JOURNEY_STEPS.filter((s) => s !== "started");

/** Row i's member (by i % 10): 0–3 導入完了, 4 未着手, 5–6 途中, 7 対象外, 8 left LINE, 9 none. */
function planOf(i: number): { step: JourneyStep | null; status?: "inactive"; exempt?: true } | null {
  const k = i % 10;
  if (k <= 3) return { step: "started" };
  if (k === 4) return { step: null };
  if (k <= 6) return { step: MIDDLE[i % MIDDLE.length]! };
  if (k === 7) return { step: "portal", exempt: true };
  if (k === 8) return { step: "applied", status: "inactive" };
  return null;
}

describe("roster coverage", () => {
  let h: Harness;
  let s: Session;
  const memberOf = new Map<number, string>();

  beforeAll(async () => {
    h = await startHarness();
    await seedStaff(h, "admin", "a-long-password-1");
    s = await signIn(h, "admin", "a-long-password-1");
    // Half the members confirmed their number before the roster was imported.
    for (let i = 0; i < ROWS; i++) {
      const plan = planOf(i);
      if (!plan || i % 2 === 1) continue;
      memberOf.set(
        i,
        await seedMember(h, { step: plan.step, status: plan.status, registration: answers(i) }),
      );
    }
    const csv = [
      "登録記号番号,施術所名,氏名",
      ...Array.from({ length: ROWS }, (_, i) => `${number(i)},接骨院${i},院長${i}`),
    ];
    const form = new FormData();
    form.set("file", new File([`${csv.join("\r\n")}\r\n`], "roster.csv", { type: "text/csv" }));
    expect((await s.post("/admin/roster/import", form)).status).toBe(200);
    // The other half confirm it afterwards, in the conversation (the saveRegistration effect).
    for (let i = 0; i < ROWS; i++) {
      const plan = planOf(i);
      if (!plan || i % 2 === 0) continue;
      const id = await seedMember(h, { step: plan.step, status: plan.status });
      const effects = [{ type: "saveRegistration" as const, answers: answers(i) }];
      await runBatch(h.db, await effectStatements(h.db, plainCipher, id, effects, h.clock.now()));
      memberOf.set(i, id);
    }
    for (const [i, id] of memberOf)
      if (planOf(i)?.exempt)
        await h.db.run(sql`update members set exemption = 'age70' where user_id = ${id}`);
  }, 60_000);
  afterAll(() => h.close());

  it("links every member whose confirmed number is in the roster, whichever came first", async () => {
    const links = await h.db.select().from(schema.rosterLinks);
    expect(links).toHaveLength(memberOf.size);
    expect(new Set(links.map((l) => l.source))).toEqual(new Set(["member"]));
  });

  it("shows the coverage line on the dashboard", async () => {
    const html = await (await s.get("/admin")).text();
    expect(html).toContain("名簿 1,000 件：導入完了 400・途中 200・未着手 100・LINE未登録 200・対象外 100");
  });

  it("lets staff link by hand a member whose number did not match, and the figures follow", async () => {
    const stray = await seedMember(h, { step: "registered", registration: { ...answers(99_999) } });
    const page = await (await s.get(`/admin/members/${stray}`)).text();
    expect(page).toContain("名簿と結びついていません。");
    const typo = await s.post(`/admin/members/${stray}/roster-link`, { registrationNumber: "協12" });
    expect(typo.headers.get("location")).toContain("done=linkInvalid");
    const unknown = await s.post(`/admin/members/${stray}/roster-link`, {
      registrationNumber: "協9999999-9-9",
    });
    expect(unknown.headers.get("location")).toContain("done=linkUnknown");
    // Row 9 has nobody on LINE; staff know it is this member. Full-width digits are fine.
    const ok = await s.post(`/admin/members/${stray}/roster-link`, {
      registrationNumber: "協１１００００９－０－０",
    });
    expect(ok.headers.get("location")).toContain("done=linked");
    const detail = await (await s.get(`/admin/members/${stray}`)).text();
    // Masked like the registration above it, until the audited reveal.
    expect(detail).toContain(`${maskRegistrationNumber(number(9))}（接骨院9、事務局が結びつけ）`);
    expect(detail).not.toContain(number(9));
    const revealed = await (await s.post(`/admin/members/${stray}/reveal`)).text();
    expect(revealed).toContain(`${number(9)}（接骨院9、事務局が結びつけ）`);
    const html = await (await s.get("/admin")).text();
    expect(html).toContain("名簿 1,000 件：導入完了 400・途中 201・未着手 100・LINE未登録 199・対象外 100");
    const audit = await h.db.select().from(schema.auditLog);
    expect(audit.map((a) => a.action)).toContain("member.rosterLink");
  });

  it("lists the rows of one state", async () => {
    const html = await (await s.get("/admin/roster/coverage?state=notStarted")).text();
    expect(html).toContain("（100件）");
    expect(html).toContain(number(4));
    expect(html).not.toContain(`<td>${number(0)}</td>`);
    const progress = await (await s.get("/admin/roster/coverage?state=inProgress")).text();
    expect(progress).toContain("（201件）");
    expect(progress).toContain("<td>途中</td>");
    const odd = await s.get("/admin/roster/coverage?state=<script>");
    expect(odd.status).toBe(200);
    expect(await odd.text()).toContain("（500件）"); // falls back to 「まだ導入完了していない」
  });

  it("exports the 500 rows not done as an Excel CSV with the owner names, audited", async () => {
    const res = await s.post("/admin/roster/coverage/export");
    expect(res.headers.get("content-disposition")).toMatch(/filename="roster-not-done-\d{8}\.csv"/);
    const text = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()).slice(3));
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe('"登録記号番号","施術所名","氏名","状態","進み具合"');
    expect(lines).toHaveLength(1 + 500);
    expect(text).toContain(`"${number(9 + 10)}","接骨院19","院長19","LINE未登録",""`);
    expect(text).toContain(`"${number(4)}","接骨院4","院長4","未着手",""`);
    expect(text).not.toContain('"導入完了"');
    expect(text).not.toContain('"対象外（届出）"');
    const audit = await h.db.select().from(schema.auditLog);
    expect(audit.map((a) => a.action)).toContain("roster.exportNotDone");
  });

  it("the broadcast audience is the linked active members not done and not exempt", async () => {
    const rows = await h.db
      .select({ n: sql<number>`count(*)` })
      .from(schema.members)
      .where(audienceWhere({ kind: "rosterNotDone" }));
    expect(Number(rows[0]?.n)).toBe(301);
    const compose = await (await s.get("/admin/broadcasts/new")).text();
    expect(compose).toContain("名簿の会員で、まだ導入完了していない人");
  });

  it("erasing a member's data drops their link: their row is 「LINE未登録」 again", async () => {
    const id = memberOf.get(0)!;
    expect((await s.post(`/admin/members/${id}/erase`)).status).toBe(303);
    const html = await (await s.get("/admin")).text();
    expect(html).toContain("導入完了 399");
    expect(html).toContain("LINE未登録 200");
  });
});
