// What a non-technical office worker found trying the staff area, one describe per report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, type Session, seedMember, seedStaff, signIn, startHarness } from "./harness.js";

const REG = {
  familyName: "埼玉",
  givenName: "太郎",
  affiliation: "施術所（柔道整復）" as const,
  agreementKind: "協" as const,
  registrationDigits: "110123456",
  clinicName: "さいたま接骨院",
  phoneNumber: "09012345678",
  email: "taro@example.jp",
};

let h: Harness;
let admin: Session;
let staff: Session;
beforeAll(async () => {
  h = await startHarness();
  await seedStaff(h, "admin", "a-long-password-1");
  await seedStaff(h, "clerk", "a-long-password-2", "staff");
  admin = await signIn(h, "admin", "a-long-password-1");
  staff = await signIn(h, "clerk", "a-long-password-2");
});
afterAll(() => h.close());

function decodeCsv(bytes: ArrayBuffer): string[][] {
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "");
  return text
    .split("\r\n")
    .filter(Boolean)
    .map((line) => line.split(",").map((cell) => cell.replace(/^"|"$/g, "")));
}

describe("1. exempt members show the same state in every staff view", () => {
  let exempt: string;
  let exemptAtStep: string;
  let plain: string;
  beforeAll(async () => {
    exempt = await seedMember(h, {
      step: null,
      exemption: "age70",
      registration: { ...REG, clinicName: "対象外接骨院" },
    });
    exemptAtStep = await seedMember(h, { step: "portal", exemption: "closing" });
    plain = await seedMember(h, { step: null });
  });

  it("the members list says 対象外（届出）, never 未着手, and has a 対象外 filter", async () => {
    const list = await (await admin.get("/admin/members")).text();
    const rowOf = (id: string) => new RegExp(`data-user-id="${id}"[\\s\\S]*?</tr>`).exec(list)?.[0] ?? "";
    expect(rowOf(exempt)).toContain("対象外（届出）");
    expect(rowOf(exempt)).not.toContain("未着手");
    expect(rowOf(exemptAtStep)).toContain("対象外（届出）");
    expect(rowOf(plain)).toContain("未着手");
    expect(list).toContain('<option value="exempt"');
    const filtered = await (await admin.get("/admin/members?step=exempt")).text();
    expect(filtered).toContain(exempt);
    expect(filtered).toContain(exemptAtStep);
    expect(filtered).not.toContain(plain);
    const notStarted = await (await admin.get("/admin/members?step=none")).text();
    expect(notStarted).toContain(plain);
    expect(notStarted).not.toContain(exempt);
    expect(await (await admin.get("/admin/members?step=portal")).text()).not.toContain(exemptAtStep);
  });

  it("the members CSV and the member page say 対象外（届出）", async () => {
    const csv = decodeCsv(await (await admin.post("/admin/roster/export")).arrayBuffer());
    const state = csv[0]!.indexOf("進捗");
    expect(csv.find((r) => r[0] === exempt)?.[state]).toBe("対象外（届出）");
    expect(csv.find((r) => r[0] === plain)?.[state]).toBe("未着手");
    const page = await (await admin.get(`/admin/members/${exempt}`)).text();
    expect(page).toContain("進捗（いま：対象外（届出））");
  });

  it("the dashboard chart counts each friend once: its bars add up to the friends", async () => {
    const page = await (await admin.get("/admin")).text();
    const bars = [
      ...page.matchAll(/<text x="\d+" y="[\d.]+" font-size="13" fill="#1f2933">(\d+)<\/text>/g),
    ].map((m) => Number(m[1]));
    const friends = Number(
      /友だち（有効）<\/div><div class="num">([\d,]+)/.exec(page)?.[1]?.replace(",", ""),
    );
    expect(friends).toBeGreaterThanOrEqual(3);
    expect(bars.reduce((a, b) => a + b, 0)).toBe(friends);
  });
});

describe("2. a relayed notice is previewed, and refused or confirmed when it does not fit", () => {
  it("shows the member's step and the exact bubbles before anything is sent", async () => {
    const id = await seedMember(h, { step: "applied", registration: REG });
    const since = h.emulator.emulator.lastSeq();
    const page = await (await staff.get(`/admin/members/${id}/relay?notice=applicationApproved`)).text();
    expect(page).toContain("いまの進捗：<strong>利用開始申請済み</strong>");
    expect(page).toContain("利用開始申請が承認されたことを確認しました。");
    expect(page).toContain("資格確認アカウント管理");
    expect(page).not.toContain('data-testid="relay-warning"');
    // A post that skipped the preview goes to the preview, sending nothing.
    const skipped = await staff.post(`/admin/members/${id}/relay`, { notice: "applicationApproved" });
    expect(skipped.headers.get("location")).toBe(`/admin/members/${id}/relay?notice=applicationApproved`);
    expect(h.emulator.emulator.deliveries({ userId: id, sinceSeq: since })).toHaveLength(0);
    const sent = await staff.post(`/admin/members/${id}/relay`, {
      notice: "applicationApproved",
      confirmed: "1",
    });
    expect(sent.headers.get("location")).toContain("done=sent");
    expect(h.emulator.emulator.deliveries({ userId: id, sinceSeq: since })).toHaveLength(1);
  });

  it("warns when the notice is behind the member's step and sends only after the box is ticked", async () => {
    const id = await seedMember(h, { step: "approved" });
    const since = h.emulator.emulator.lastSeq();
    const page = await (await staff.get(`/admin/members/${id}/relay?notice=mailVerified`)).text();
    expect(page).toContain("この会員はすでに「申請承認済み」まで進んでいます。");
    expect(page).toContain('name="behind"');
    const unticked = await staff.post(`/admin/members/${id}/relay`, {
      notice: "mailVerified",
      confirmed: "1",
    });
    expect(unticked.headers.get("location")).toContain("/relay?notice=mailVerified");
    expect(h.emulator.emulator.deliveries({ userId: id, sinceSeq: since })).toHaveLength(0);
    const ticked = await staff.post(`/admin/members/${id}/relay`, {
      notice: "mailVerified",
      confirmed: "1",
      behind: "1",
    });
    expect(ticked.headers.get("location")).toContain("done=sentNoAdvance");
    expect(h.emulator.emulator.deliveries({ userId: id, sinceSeq: since })).toHaveLength(1);
  });

  it("refuses a notice to an exempt member, saying why in plain Japanese", async () => {
    const id = await seedMember(h, { step: "applied", exemption: "age70" });
    const since = h.emulator.emulator.lastSeq();
    const page = await (await staff.get(`/admin/members/${id}/relay?notice=applicationApproved`)).text();
    expect(page).toContain("「対象外（届出）」と本人が申告しているため、このお知らせは送れません");
    expect(page).not.toContain("記録して本人に知らせる");
    const res = await staff.post(`/admin/members/${id}/relay`, {
      notice: "applicationApproved",
      confirmed: "1",
      behind: "1",
    });
    expect(res.headers.get("location")).toContain("done=exempt");
    const after = await (await staff.get(res.headers.get("location")!)).text();
    expect(after).toContain("お知らせは送っていません");
    expect(after).toContain("進捗（いま：対象外（届出））");
    expect(h.emulator.emulator.deliveries({ userId: id, sinceSeq: since })).toHaveLength(0);
  });
});

describe("3. the staff role follows up the roster: coverage and the not-done CSV", () => {
  it("opens the coverage page from the menu and downloads the not-done CSV, audited", async () => {
    await admin.post("/admin/roster/import", rosterForm("協1109999-9-9,みぬま接骨院,見沼 一郎\r\n"));
    const dashboard = await (await staff.get("/admin")).text();
    expect(dashboard).toContain('href="/admin/roster/coverage"');
    const page = await staff.get("/admin/roster/coverage");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("未完了の名簿をダウンロード");
    const csv = await staff.post("/admin/roster/coverage/export");
    expect(csv.status).toBe(200);
    expect(new TextDecoder().decode(await csv.arrayBuffer())).toContain("協1109999-9-9");
    const audit = await (await admin.get("/admin/audit")).text();
    expect(audit).toContain("clerkさん");
  });

  it("keeps the roster import and the full members export admin-only", async () => {
    expect((await staff.get("/admin/roster")).status).toBe(403);
    expect((await staff.post("/admin/roster/import", rosterForm("x\r\n"))).status).toBe(403);
    expect((await staff.post("/admin/roster/export")).status).toBe(403);
  });
});

function rosterForm(body: string): FormData {
  const form = new FormData();
  form.set("file", new File([`登録記号番号,施術所名,氏名\r\n${body}`], "roster.csv", { type: "text/csv" }));
  return form;
}

describe("6. no engineer words on the staff pages", () => {
  it("every action the code audits has a Japanese label", async () => {
    const { ACTION_LABELS } = await import("../../src/admin/pages/audit.js");
    const { AUDIT_ACTIONS } = await import("../../src/store/staff-audit.js");
    const { readdirSync, readFileSync, statSync } = await import("node:fs");
    const { join } = await import("node:path");
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(p) ? [p] : [];
      });
    // Every action literal in a file that writes the audit trail, whatever helper passes it on
    // (staff.sql is a file name in the staff:create script).
    const audited = new Set<string>(AUDIT_ACTIONS);
    for (const file of [...files("src"), ...files("scripts")]) {
      const source = readFileSync(file, "utf8");
      if (!/recordAudit|auditStatement|INSERT INTO audit_log/.test(source) || file.endsWith("audit.tsx"))
        continue;
      for (const m of source.matchAll(
        /"((?:auth|member|members|roster|broadcast|inquiry|staff|knowledge)\.(?!sql")[a-zA-Z]+)"/g,
      ))
        audited.add(m[1]!);
    }
    expect(audited).toContain("roster.exportNotDone");
    expect(audited).toContain("member.rosterLink");
    for (const action of audited)
      expect(ACTION_LABELS[action] ?? `no label: ${action}`).toMatch(/^[^a-z]*[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("the audit page shows labels, not codes, and says where a command-line account came from", async () => {
    await h.db.insert((await import("../../db/schema.js")).auditLog).values({
      staffId: null,
      action: "staff.create",
      target: "staff:1",
      detail: '{"via":"cli"}',
      at: h.clock.now().toISOString(),
    });
    const id = await seedMember(h, { step: null });
    await h.db.insert((await import("../../db/schema.js")).roster).values({
      registrationNumber: "協1108888-8-8",
      clinicName: "与野接骨院",
      ownerName: null,
      importedAt: h.clock.now().toISOString(),
    });
    await admin.post(`/admin/members/${id}/roster-link`, { registrationNumber: "協1108888-8-8" });
    await admin.post("/admin/roster/coverage/export");
    const page = await (await admin.get("/admin/audit")).text();
    expect(page).toContain("未完了の名簿のダウンロード");
    expect(page).toContain("会員と名簿の結びつけ");
    expect(page).toContain("サーバーでの初期設定（技術担当者）");
    const codes = [...page.matchAll(/<td class="action">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(3);
    for (const c of codes) expect(c).not.toMatch(/[a-z]\.[a-z]/i);
    expect(page).not.toContain("staff:create");
  });

  it("the dashboard, the members list and the inquiries speak plain Japanese", async () => {
    const dashboard = await (await staff.get("/admin")).text();
    expect(dashboard).not.toContain("STAFF_LINE_GROUP_ID");
    expect(dashboard).toContain("通知先の職員グループが決まっていないため、使っていません");
    const noRegistration = await seedMember(h, { step: null });
    const list = await (await staff.get("/admin/members")).text();
    expect(list).not.toContain("ユーザーID");
    expect(list).not.toMatch(/>ID U/);
    expect(list).not.toContain("（未登録）");
    const row = new RegExp(`data-user-id="${noRegistration}"[\\s\\S]*?</tr>`).exec(list)?.[0] ?? "";
    expect(row).toContain("施術所名が未登録の会員");
    const schema = await import("../../db/schema.js");
    const [inquiry] = await h.db
      .insert(schema.inquiries)
      .values({
        userId: noRegistration,
        question: "plain:質問です",
        status: "open",
        createdAt: h.clock.now().toISOString(),
      })
      .returning();
    const page = await (await staff.get(`/admin/inquiries/${inquiry!.id}`)).text();
    expect(page).toContain(
      `href="/admin/members/${noRegistration}" data-testid="asker">お名前未登録の会員</a>`,
    );
    expect(page).not.toContain("登録内容なし");
  });
});

describe("8. a guessable new password is refused with the reason", () => {
  const change = (password: string) =>
    staff.post("/admin/account/password", { current: "a-long-password-2", password, confirm: password });

  it.each([
    ["aaaaaaaaaaaa", "repeated", "同じ文字や同じ並びをくり返しただけ"],
    ["abcabcabcabc", "repeated", "同じ文字や同じ並びをくり返しただけ"],
    ["123456789012", "sequence", "順番に並んだ文字だけ"],
    ["abcdefghijklm", "sequence", "順番に並んだ文字だけ"],
    ["qwertyuiop123", "sequence", "順番に並んだ文字だけ"],
    ["clerk-secure-2026", "personal", "ログインIDや名前を含む"],
    ["Password1234", "common", "よく使われる言葉"],
    ["P@ssw0rd2026!", "common", "よく使われる言葉"],
    ["adminpassword", "common", "よく使われる言葉"],
  ])("refuses 「%s」 (%s)", async (password, problem, reason) => {
    const res = await change(password);
    expect(res.headers.get("location")).toBe(`/admin/account?done=${problem}`);
    expect(await (await staff.get(res.headers.get("location")!)).text()).toContain(reason);
    // The old password still works: nothing was changed.
    expect((await change("aaaaaaaaaaaa")).headers.get("location")).toBe("/admin/account?done=repeated");
  });

  it("accepts a long password of unrelated words", async () => {
    const res = await change("kawagoe-umbrella-tea");
    expect(res.headers.get("location")).toBe("/admin/account?done=changed");
    staff = await signIn(h, "clerk", "kawagoe-umbrella-tea");
  });
});

describe("9. the 登録記号番号 stays masked in 「名簿との結びつき」", () => {
  it("shows 契01*****-*-8 in both places until the reveal, then the full number in both", async () => {
    const schema = await import("../../db/schema.js");
    await h.db.insert(schema.roster).values({
      registrationNumber: "契0123456-7-8",
      clinicName: "浦和整骨院",
      ownerName: null,
      importedAt: h.clock.now().toISOString(),
    });
    const id = await seedMember(h, {
      step: "registered",
      registration: {
        ...REG,
        agreementKind: "契",
        registrationDigits: "012345678",
        clinicName: "浦和整骨院",
      },
    });
    await admin.post(`/admin/members/${id}/roster-link`, { registrationNumber: "契0123456-7-8" });
    const page = await (await admin.get(`/admin/members/${id}`)).text();
    expect(page).not.toContain("契0123456-7-8");
    expect(page).toMatch(/data-testid="roster-link">契01\*\*\*\*\*-\*-8（浦和整骨院/);
    const revealed = await (await admin.post(`/admin/members/${id}/reveal`)).text();
    expect(revealed).toMatch(/data-testid="roster-link">契0123456-7-8（浦和整骨院/);
  });
});

describe("5. broadcasts say when they go out, and cancelling asks first", () => {
  const draft = async () => {
    await seedMember(h, { step: "registered" });
    const res = await admin.post("/admin/broadcasts", {
      text: "研修会のお知らせです。",
      linkLabel: "",
      linkUri: "",
      audienceKind: "journeyStep",
      step: "registered",
    });
    return res.headers.get("location")!.match(/broadcasts\/(\d+)/)![1]!;
  };

  it("「取り消す」 asks for confirmation like 「今すぐ送信」", async () => {
    const id = await draft();
    const page = await (await admin.get(`/admin/broadcasts/${id}`)).text();
    expect(page).toMatch(
      /action="\/admin\/broadcasts\/\d+\/cancel"[^>]*data-confirm="このお知らせを取り消します。/,
    );
  });

  it("after cancelling, the page says when it was cancelled, not 「送信予定」", async () => {
    const id = await draft();
    await admin.post(`/admin/broadcasts/${id}/schedule`, { at: "2026-11-26T10:00" });
    await admin.post(`/admin/broadcasts/${id}/cancel`);
    const page = await (await admin.get(`/admin/broadcasts/${id}`)).text();
    expect(page).not.toContain("送信予定");
    expect(page).toContain("取り消した日時");
  });

  it("a broadcast sent now says when sending started, not 「送信予定」", async () => {
    const id = await draft();
    await admin.post(`/admin/broadcasts/${id}/send`);
    const page = await (await admin.get(`/admin/broadcasts/${id}`)).text();
    expect(page).not.toContain("送信予定");
    expect(page).toContain("送信を始めた日時");
  });

  it("a broadcast scheduled at night says it waits for the morning, when scheduling and on its page", async () => {
    const id = await draft();
    const res = await admin.post(`/admin/broadcasts/${id}/schedule`, { at: "2026-11-26T22:30" });
    expect(res.headers.get("location")).toContain("done=scheduledNight");
    const page = await (await admin.get(res.headers.get("location")!)).text();
    expect(page).toContain("予約しました。夜間（08:00〜20:00の外）の日時のため、翌朝08:00から送ります。");
    expect(page).toContain("実際に送るのは 2026/11/27 08:00 からです。");
    const day = await draft();
    const ok = await admin.post(`/admin/broadcasts/${day}/schedule`, { at: "2026-11-26T10:00" });
    expect(ok.headers.get("location")).toContain("done=scheduled");
    expect(await (await admin.get(`/admin/broadcasts/${day}`)).text()).not.toContain("実際に送るのは");
  });
});

describe("7. members search by 登録記号番号 and by given name alone", () => {
  let ichiro: string;
  let keiko: string;
  beforeAll(async () => {
    ichiro = await seedMember(h, {
      registration: { ...REG, familyName: "見沼", givenName: "一之助", registrationDigits: "110765432" },
    });
    keiko = await seedMember(h, {
      registration: {
        ...REG,
        familyName: "秩父",
        givenName: "恵子",
        agreementKind: "契",
        registrationDigits: "010765432",
      },
    });
  });
  const found = async (q: string) => {
    const html = await (await staff.get(`/admin/members?q=${encodeURIComponent(q)}`)).text();
    return [...html.matchAll(/data-user-id="([^"]+)"/g)].map((m) => m[1]);
  };

  it("finds by the 登録記号番号 however it is typed (width, hyphens, with or without 協／契)", async () => {
    expect(await found("協1107654-3-2")).toEqual([ichiro]);
    expect(await found("協１１０７６５４－３－２")).toEqual([ichiro]);
    expect(await found("協1107654ー3ー2")).toEqual([ichiro]);
    expect(await found("110765432")).toEqual([ichiro]);
    expect(await found("契0107654-3-2")).toEqual([keiko]);
    expect(await found("協0107654-3-2")).toEqual([]);
  });

  it("finds by the given name alone", async () => {
    expect(await found("一之助")).toEqual([ichiro]);
    expect(await found("恵子")).toEqual([keiko]);
  });

  it("indexes again members indexed before given names and numbers were", async () => {
    const schema = await import("../../db/schema.js");
    const { and, eq } = await import("drizzle-orm");
    const k = schema.memberSearchKeys;
    // As an earlier version left it: the old marker, no given-name or number rows.
    await h.db.delete(k).where(and(eq(k.userId, keiko)));
    await h.db.insert(k).values({ userId: keiko, kind: "indexed", digest: "" });
    expect(await found("恵子")).toEqual([keiko]);
  });
});

describe("10. inquiries: 完了にする／もう一度開く, and what 回答済み and 完了 mean", () => {
  it("closes an answered inquiry, reopens it among 未対応, keeping the answer, audited", async () => {
    const schema = await import("../../db/schema.js");
    const id = await seedMember(h, { registration: REG });
    const [inquiry] = await h.db
      .insert(schema.inquiries)
      .values({
        userId: id,
        question: "plain:機器はいつ届きますか",
        status: "open",
        createdAt: h.clock.now().toISOString(),
      })
      .returning();
    const base = `/admin/inquiries/${inquiry!.id}`;
    await staff.post(`${base}/answer`, { answer: "来週届く予定です。", retryKey: crypto.randomUUID() });
    const answered = await (await staff.get(base)).text();
    expect(answered).toContain("完了にする");
    expect(answered).toContain("「回答済み」はLINEで回答を送ったもの");
    expect(answered).toContain("「完了」は対応を終えたもの");

    const closed = await staff.post(`${base}/close`);
    expect(closed.headers.get("location")).toContain("done=closed");
    const closedPage = await (await staff.get(base)).text();
    expect(closedPage).toContain("／ 完了 ／");
    expect(closedPage).toContain("来週届く予定です。");
    expect(closedPage).toContain("もう一度開く");

    const reopened = await staff.post(`${base}/reopen`);
    expect(reopened.headers.get("location")).toContain("done=reopened");
    const openPage = await (await staff.get(base)).text();
    expect(openPage).toContain("／ 未対応 ／");
    expect(openPage).toContain("前に送った回答");
    expect(openPage).toContain("来週届く予定です。");
    expect(await (await staff.get("/admin/inquiries?status=open")).text()).toContain(
      `data-inquiry-id="${inquiry!.id}"`,
    );
    expect((await staff.post(`${base}/reopen`)).headers.get("location")).toContain("done=notClosed");
    const audit = await (await admin.get("/admin/audit")).text();
    expect(audit).toContain("お問い合わせをもう一度開く");
  });
});
