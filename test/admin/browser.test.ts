// The staff area in a real browser against the real Node server (libSQL, emulator, engine): sign in,
// filter members, relay an approval, send a segment broadcast, import a roster with errors.
import { eq } from "drizzle-orm";
import type { Browser, Page, Response as PageResponse } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { createOrReset } from "../../scripts/create-staff.js";
import type { JourneyStep } from "../../src/engine/types.js";
import { newUserId, startTestBot, type TestBot } from "../helpers/bot.js";
import { hasChromium, launchBrowser } from "../helpers/browser.js";

const PASSWORD = "browser-test-password";

describe.skipIf(!hasChromium() && !process.env.CI)("staff area in a browser", () => {
  let browser: Browser;
  let bot: TestBot;
  let page: Page;
  const members: Record<string, string> = {};
  const cspErrors: string[] = [];

  async function member(name: string, step: JourneyStep | null, clinicName: string): Promise<void> {
    const userId = newUserId();
    await bot.send({ userId, event: "follow" });
    const registration = await bot.bot.cipher.seal(
      JSON.stringify({ clinicName, familyName: "埼玉", givenName: name }),
    );
    await bot.db
      .update(schema.members)
      .set({ journeyStep: step, registration, affiliation: "施術所（柔道整復）" })
      .where(eq(schema.members.userId, userId));
    members[name] = userId;
  }

  beforeAll(async () => {
    [browser, bot] = await Promise.all([launchBrowser(), startTestBot()]);
    await createOrReset(
      bot.db,
      { login: "jimukyoku", name: "事務局", role: "admin", reset: false },
      PASSWORD,
      bot.clock.now(),
    );
    await member("一郎", "registered", "浦和接骨院");
    await member("二郎", "registered", "大宮整骨院");
    await member("三郎", "applied", "川口接骨院");
    await member("四郎", null, "所沢接骨院");
    page = await browser.newPage({ viewport: { width: 820, height: 1180 } }); // a tablet
    page.setDefaultTimeout(5_000);
    page.on("dialog", (dialog) => void dialog.accept());
    // Any script or style the Content-Security-Policy blocks shows up as a console error.
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
  });

  it("signs in from the sign-in page", async () => {
    await page.goto(`${bot.url}/admin/members`);
    expect(page.url()).toContain("/admin/login");
    await page.getByLabel("ログインID").fill("jimukyoku");
    await page.getByLabel("パスワード").fill(PASSWORD);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.getByRole("heading", { name: "会員" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/admin/members");
  });

  it("filters members by step, and fits a tablet screen", async () => {
    await page.getByLabel("進捗").selectOption("registered");
    await page.getByRole("button", { name: "絞り込む" }).click();
    await page.waitForURL(/step=registered/);
    const rows = await page
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-user-id")));
    expect(rows.sort()).toEqual([members.一郎, members.二郎].sort());
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it("relays an approval: the member receives the push", async () => {
    await page.getByRole("link", { name: "浦和接骨院" }).click();
    await page.getByLabel("事務局が確認したこと").selectOption("applicationApproved");
    await page.getByRole("button", { name: "送る内容を確認する" }).click();
    expect(await page.getByTestId("relay-current").textContent()).toContain("ユーザー登録完了");
    expect(await page.getByTestId("relay-bubble").first().textContent()).toContain(
      "利用開始申請が承認されたことを確認しました",
    );
    const since = bot.emulator!.lastSeq();
    await page.getByRole("button", { name: "記録して本人に知らせる" }).click();
    await page.getByText("記録し、本人にお知らせを送りました。").waitFor();
    const pushes = bot.emulator!.deliveries({ userId: members.一郎!, sinceSeq: since });
    expect(pushes.map((d) => d.via)).toEqual(["push"]);
    expect(JSON.stringify(pushes[0]?.messages)).toContain("利用開始申請が承認されたことを確認しました");
    expect(await page.locator(".timeline").textContent()).toContain("事務局が記録");
  });

  it("composes a segment broadcast, previews it, and exactly that segment receives it", async () => {
    await page.goto(`${bot.url}/admin/broadcasts/new`);
    await page.getByLabel("本文（5,000文字まで）").fill("総合ポータルサイトの運用を再開しました。");
    await page.getByLabel("進捗で選ぶ").check();
    await page.getByRole("combobox", { name: "進捗", exact: true }).selectOption("registered");
    await page.getByRole("button", { name: "下書きを保存して確認へ" }).click();
    await page.getByTestId("preview-bubble").waitFor();
    expect(await page.getByTestId("preview-bubble").textContent()).toContain("運用を再開しました");
    // 一郎 moved on to 利用開始申請済み with the relay: only 二郎 is left at ユーザー登録完了.
    expect(await page.getByTestId("recipient-count").textContent()).toBe("1 人");
    const since = bot.emulator!.lastSeq();
    await page.getByRole("button", { name: /今すぐ送信/ }).click();
    await page.waitForFunction(
      () => document.querySelector("[data-testid=status]")?.textContent === "送信済み",
      null,
      {
        timeout: 10_000,
      },
    );
    const received = bot.emulator!.deliveries({ sinceSeq: since }).filter((d) => d.via === "multicast");
    expect(received.map((d) => d.userId)).toEqual([members.二郎]);
    expect(await page.getByTestId("sent-count").textContent()).toBe("1 人");
  });

  it("imports a roster with errors and shows the per-row report", async () => {
    await page.goto(`${bot.url}/admin/roster`);
    const csv = "登録記号番号,施術所名,氏名\r\n協1101234-5-6,浦和接骨院,埼玉 一郎\r\n協11012,大宮整骨院,\r\n";
    await page.getByLabel(/名簿のCSVファイル/).setInputFiles({
      name: "meibo.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`\uFEFF${csv}`, "utf-8"),
    });
    await page.getByRole("button", { name: "取り込む" }).click();
    const report = page.getByTestId("import-report");
    await report.waitFor();
    expect(await report.textContent()).toContain("名簿は変更していません");
    const cells = await report.locator("tbody tr td").allTextContents();
    expect(cells[0]).toBe("3");
    expect(cells[1]).toContain("数字が5桁です");
    expect(await bot.db.select().from(schema.roster)).toHaveLength(0);
  });

  it("replaces a roster in place only after showing what changes and a confirmation", async () => {
    const upload = async (csv: string) => {
      await page.goto(`${bot.url}/admin/roster`);
      await page.getByLabel(/名簿のCSVファイル/).setInputFiles({
        name: "meibo.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(`\uFEFF登録記号番号,施術所名,氏名\r\n${csv}`, "utf-8"),
      });
      await page.getByRole("button", { name: "取り込む" }).click();
    };
    await upload("協1101234-5-6,浦和接骨院,埼玉 一郎\r\n協1101235-5-6,大宮整骨院,埼玉 二郎\r\n");
    await page.getByTestId("import-report").waitFor();
    await upload("協1101234-5-6,浦和接骨院,埼玉 一郎\r\n協1109876-5-4,川口接骨院,埼玉 三郎\r\n");
    await page.getByTestId("roster-change").waitFor();
    expect(await page.getByTestId("rows-now").textContent()).toBe("2 件");
    expect(await page.getByTestId("rows-file").textContent()).toBe("2 件");
    expect(await page.getByTestId("rows-removed").textContent()).toBe("1 件");
    const numbers = async () =>
      (await bot.db.select().from(schema.roster)).map((r) => r.registrationNumber).sort();
    expect(await numbers()).toEqual(["協1101234-5-6", "協1101235-5-6"]);
    await page.getByRole("button", { name: "名簿を置き換える" }).click();
    await page.getByText("2 件を取り込み、名簿を置き換えました。").waitFor();
    expect(await numbers()).toEqual(["協1101234-5-6", "協1109876-5-4"]);
  });

  it("counts the recipients while composing; choosing from a list picks its audience", async () => {
    await page.goto(`${bot.url}/admin/broadcasts/new`);
    const count = page.getByTestId("compose-count");
    await page.waitForFunction(() =>
      document.querySelector("[data-testid=compose-count]")?.textContent?.includes("いま"),
    );
    // 三郎 is at 利用開始申請; 一郎, relayed 「申請承認」 above, is one step further (申請承認済み).
    await page.getByRole("combobox", { name: "進捗", exact: true }).selectOption("applied");
    expect(await page.getByLabel("進捗で選ぶ").isChecked()).toBe(true);
    await page.waitForFunction(() =>
      document
        .querySelector("[data-testid=compose-count]")
        ?.textContent?.includes("「利用開始申請済み」の会員：いま 1 人"),
    );
    await page.getByRole("combobox", { name: "所属機関" }).selectOption("健診実施機関等");
    expect(await page.getByLabel("所属機関で選ぶ").isChecked()).toBe(true);
    await page.waitForFunction(() =>
      document.querySelector("[data-testid=compose-count]")?.textContent?.includes("いま 0 人"),
    );
    expect(await count.textContent()).toContain("今月の残り");
    expect(await bot.db.select().from(schema.broadcasts)).toHaveLength(1); // nothing saved by counting
  });

  it("shows the audit log with labels, Japan time and links, the action on one line", async () => {
    await page.goto(`${bot.url}/admin/audit`);
    const relay = page.locator("tr[data-action='member.relay']").first();
    expect(await relay.locator("td.action").textContent()).toBe("通知の中継");
    const lineHeight = await relay.locator("td.action").evaluate((td) => {
      const style = getComputedStyle(td);
      return { height: td.getBoundingClientRect().height, line: Number.parseFloat(style.lineHeight) || 26 };
    });
    expect(lineHeight.height).toBeLessThan(lineHeight.line * 2 + 20);
    expect(await relay.locator("td").last().textContent()).toContain("お知らせ：");
    expect(await relay.locator("td").first().textContent()).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
    await relay.getByRole("link").click();
    await page.waitForURL(/\/admin\/members\/U/);
  });

  it("changes one's own password from the account page", async () => {
    await page.goto(`${bot.url}/admin/account`);
    await page.getByLabel("いまのパスワード").fill(PASSWORD);
    await page.getByLabel("新しいパスワード（12文字以上）").fill("a-new-browser-password");
    await page.getByLabel("新しいパスワード（確認のためもう一度）").fill("a-new-browser-password");
    await page.getByRole("button", { name: "パスワードを変更" }).click();
    await page.getByText("パスワードを変更しました。").waitFor();
  });

  it("asks before cancelling a broadcast, then shows it cancelled without 「送信予定」", async () => {
    await page.goto(`${bot.url}/admin/broadcasts/new`);
    await page.getByLabel("本文（5,000文字まで）").fill("取り消すお知らせです。");
    await page.getByLabel("進捗で選ぶ").check();
    await page.getByRole("combobox", { name: "進捗", exact: true }).selectOption("registered");
    await page.getByRole("button", { name: "下書きを保存して確認へ" }).click();
    await page.getByTestId("preview-bubble").waitFor();
    const asked: string[] = [];
    page.on("dialog", (dialog) => asked.push(dialog.message()));
    await page.getByRole("button", { name: "取り消す" }).click();
    await page.getByText("取り消しました。").waitFor();
    expect(asked).toEqual([expect.stringContaining("このお知らせを取り消します。")]);
    expect(await page.getByTestId("status").textContent()).toBe("取り消し");
    expect(await page.locator("main").textContent()).not.toContain("送信予定");
  });

  it("shows the staff area's icon: no page asks for /favicon.ico and gets a 404", async () => {
    const missing: string[] = [];
    const watch = (r: PageResponse) => {
      if (r.status() === 404) missing.push(r.url());
    };
    page.on("response", watch);
    for (const path of ["/admin", "/admin/members", "/admin/inquiries"]) {
      await page.goto(`${bot.url}${path}`);
      await page.waitForLoadState("load");
    }
    const href = await page.locator('link[rel="icon"]').getAttribute("href");
    expect(href).toBe("/admin/assets/icon.svg");
    const icon = await page.request.get(`${bot.url}${href}`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toContain("image/svg+xml");
    page.off("response", watch);
    expect(missing).toEqual([]);
  });

  it("ran every page without a Content-Security-Policy violation", () => {
    expect(cspErrors).toEqual([]);
  });
});
