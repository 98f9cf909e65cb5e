// /admin/knowledge over HTTP (the harness: real libSQL, real forms with CSRF): who may publish, what is
// refused and how, dated facts flagged for review, scrubbing of phrasings taken from the gap list, and
// the gap list's grouping.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { groupGaps } from "../../src/knowledge/gaps.js";
import { plainCipher } from "../../src/store/cipher.js";
import { knowledgeRows } from "../../src/store/knowledge.js";
import { type Harness, type Session, seedStaff, signIn, startHarness } from "./harness.js";

const entryForm = (over: Record<string, string> = {}) => ({
  label: "本会の駐車場",
  questions: "駐車場はありますか\n車で行けますか",
  answer: "本会の建物に駐車場はありません。",
  sourceTitle: "本会事務局",
  sourceUrl: "",
  asOf: "",
  status: "published",
  intent: "draft",
  ...over,
});

describe("the knowledge pages", () => {
  let h: Harness;
  let clerk: Session;
  let admin: Session;
  beforeAll(async () => {
    h = await startHarness();
    await seedStaff(h, "clerk", "a-long-password-2", "staff");
    await seedStaff(h, "boss", "a-long-password-3", "admin");
    clerk = await signIn(h, "clerk", "a-long-password-2");
    admin = await signIn(h, "boss", "a-long-password-3");
  });
  afterAll(() => h.close());

  it("refuses a staff member's publish (403) and a publish without a draft", async () => {
    expect((await clerk.post("/admin/knowledge/callcentre/publish")).status).toBe(403);
    const res = await admin.post("/admin/knowledge/callcentre/publish");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/knowledge/callcentre?done=noDraft");
  });

  it("refuses an entry without a source, a too long answer, or an undated 時点 rule breach, with the reasons", async () => {
    const noSource = await clerk.post("/admin/knowledge/new", entryForm({ sourceTitle: "" }));
    expect(noSource.status).toBe(422);
    expect(await noSource.text()).toContain("出典（どの資料・ページの情報か）を入力してください");
    const long = await clerk.post("/admin/knowledge/new", entryForm({ answer: "あ".repeat(1001) }));
    expect(long.status).toBe(422);
    expect(await long.text()).toContain("回答は1000文字以内で入力してください");
    const dated = await clerk.post("/admin/knowledge/new", entryForm({ asOf: "2026-11-01" }));
    expect(dated.status).toBe(422);
    expect(await dated.text()).toContain("「2026年11月時点」のように");
    const badDate = await clerk.post("/admin/knowledge/new", entryForm({ asOf: "11/1" }));
    expect(badDate.status).toBe(422);
    expect(await badDate.text()).toContain("2026-11-25 の形");
    expect(await knowledgeRows(h.db)).toEqual([]);
  });

  it("the try-out names an out-of-scope topic as such, with the honest reply members get", async () => {
    const page = await (
      await clerk.get(`/admin/knowledge/try?q=${encodeURIComponent("会費はいくらですか")}`)
    ).text();
    expect(page).toContain("範囲外の話題：本会の会費");
    expect(page).toContain("本会の会費のことは、このLINEの自動回答ではお答えできません");
    expect(page).not.toContain('href="/admin/knowledge/outside-');
    // Near the catch-all of questions without an answer: said so in words staff understand.
    const unanswered = await (
      await clerk.get(
        `/admin/knowledge/try?q=${encodeURIComponent("カードリーダーってだいたいいくらするもの？")}`,
      )
    ).text();
    expect(unanswered).toContain("よくある質問では答えのない質問の例");
    expect(unanswered).toContain("お答えできる情報がありません");
    expect(unanswered).not.toContain("範囲外の話題：そのご質問");
  });

  it("answers 404 for an unknown entry or a revision of another entry", async () => {
    expect((await clerk.get("/admin/knowledge/no-such-entry")).status).toBe(404);
    expect((await clerk.get("/admin/knowledge/Bad_Id")).status).toBe(404);
    expect((await clerk.post("/admin/knowledge/no-such-entry", entryForm())).status).toBe(404);
    expect((await admin.post("/admin/knowledge/callcentre/revert/999999")).status).toBe(404);
  });

  it("flags dated facts older than the review period, and no longer once the date is updated", async () => {
    const list = await (await clerk.get("/admin/knowledge?filter=review")).text();
    // 2024-11-06 (事務連絡) is more than 365 days before the harness's 2026-11-25; 2026-11-25 is not.
    expect(list).toContain('data-entry-id="exemptions"');
    expect(list).not.toContain('data-entry-id="who-eligible"');
    const entry = await (await clerk.get("/admin/knowledge/exemptions")).text();
    expect(entry).toContain("2024-11-06 時点の情報です（365");

    const edit = await (await admin.get("/admin/knowledge/exemptions/edit")).text();
    const answer = /<textarea id="answer"[^>]*>([^<]*)<\/textarea>/.exec(edit)?.[1] ?? "";
    const questions = /<textarea id="questions"[^>]*>([^<]*)<\/textarea>/.exec(edit)?.[1] ?? "";
    const saved = await admin.post("/admin/knowledge/exemptions", {
      ...entryForm(),
      label: "義務化の対象外",
      questions,
      answer: answer.replaceAll("&quot;", '"'),
      sourceTitle: "厚生労働省 事務連絡（確認済み）",
      asOf: "2026-11-20",
      intent: "publish",
    });
    expect(saved.status).toBe(303);
    const after = await (await clerk.get("/admin/knowledge?filter=review")).text();
    expect(after).not.toContain('data-entry-id="exemptions"');
  });

  it("scrubs a phrasing taken from the gap list, and keeps it a draft", async () => {
    const res = await clerk.post("/admin/knowledge/gaps/phrasing", {
      entryId: "callcentre",
      question: "鈴木花子です。電話0481234567で受付時間を聞きたい",
    });
    expect(res.headers.get("location")).toBe("/admin/knowledge/callcentre?done=phrasing");
    const row = (await knowledgeRows(h.db)).find((r) => r.id === "callcentre")!;
    expect(row.published).toBeNull();
    const added = (JSON.parse(row.draft!) as { questions: string[] }).questions.at(-1)!;
    expect(added).toContain("受付時間を聞きたい");
    expect(added).not.toMatch(/鈴木|花子|0481234567/);
    const bad = await clerk.post("/admin/knowledge/gaps/phrasing", { entryId: "callcentre", question: " " });
    expect(bad.headers.get("location")).toBe("/admin/knowledge/gaps?done=badPhrasing");
  });

  it("lists stored questions grouped with counts, and only those still not answered directly", async () => {
    const at = h.clock.now().toISOString();
    await h.db.insert(schema.questionOutcomes).values([
      { outcome: "none", question: await plainCipher.seal("会費はいくらですか"), createdAt: at },
      { outcome: "none", question: await plainCipher.seal("会費はいくら？"), createdAt: at },
      { outcome: "handover", question: await plainCipher.seal("会費はいくら？"), createdAt: at },
      { outcome: "suggested", question: await plainCipher.seal("ぽーたるってなに"), createdAt: at },
      { outcome: "direct", entryId: "portal-what", createdAt: at },
    ]);
    const page = await (await clerk.get("/admin/knowledge/gaps")).text();
    expect(page).toContain("「会費はいくら？」");
    expect(page).toContain("答えられなかった 2回・「もしかして」だけ 0回・担当者へ 1回");
    // Answered directly by the published knowledge now: left out unless asked for.
    expect(page).not.toContain("「ぽーたるってなに」");
    expect(await (await clerk.get("/admin/knowledge/gaps?all=1")).text()).toContain("「ぽーたるってなに」");
  });
});

describe("gap grouping", () => {
  const q = (question: string, outcome: "none" | "suggested" | "handover" = "none") => ({
    question,
    outcome,
    at: "2026-11-25T00:00:00.000Z",
  });
  it("groups alike wordings under the most asked one and keeps different questions apart", () => {
    const groups = groupGaps([
      q("駐車場はありますか"),
      q("駐車場はありますか？"),
      q("駐車場はある？", "suggested"),
      q("会費はいくら"),
      q("駐車場はありますか", "handover"),
    ]);
    expect(groups.map((g) => [g.question, g.count, g.none, g.suggested, g.handover])).toEqual([
      ["駐車場はありますか", 3, 2, 1, 1],
      ["会費はいくら", 1, 1, 0, 0],
    ]);
    expect(groups[0]!.variants).toContain("駐車場はある？");
  });
});
