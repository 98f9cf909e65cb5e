// The staff area in a real browser against the real Node server (libSQL, emulator, engine): sign in,
// filter members, relay an approval, send a segment broadcast, import a roster with errors.
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
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
});
