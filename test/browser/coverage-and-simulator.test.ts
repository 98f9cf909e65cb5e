// In a real browser against the real Node server: the roster coverage page (dashboard line → list by
// state → CSV download of the rows not done), and the simulator's rich menu and clock buttons.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrReset } from "../../scripts/create-staff.js";
import { runBatch } from "../../src/store/database.js";
import { effectStatements } from "../../src/store/effect-statements.js";
import { newUserId, startTestBot, type TestBot } from "../helpers/bot.js";
import { hasChromium, launchBrowser } from "../helpers/browser.js";

const PASSWORD = "browser-test-password";

describe.skipIf(!hasChromium() && !process.env.CI)("coverage page and simulator in a browser", () => {
  let browser: Browser;
  let bot: TestBot;
  let page: Page;

  async function registered(step: string | null, digits: string): Promise<void> {
    const userId = newUserId();
    await bot.send({ userId, event: "follow" });
    if (step) await bot.send({ userId, postback: `a=journey.report&step=${step}` });
    const answers = {
      familyName: "埼玉",
      givenName: "一郎",
      agreementKind: "協" as const,
      registrationDigits: digits,
    };
    const effects = [{ type: "saveRegistration" as const, answers }];
    await runBatch(bot.db, await effectStatements(bot.db, bot.bot.cipher, userId, effects, bot.clock.now()));
  }

  beforeAll(async () => {
    [browser, bot] = await Promise.all([launchBrowser(), startTestBot()]);
    await createOrReset(
      bot.db,
      { login: "jimukyoku", name: "事務局", role: "admin", reset: false },
      PASSWORD,
      bot.clock.now(),
    );
    page = await browser.newPage({ viewport: { width: 820, height: 1180 }, acceptDownloads: true });
    page.setDefaultTimeout(5_000);
  });
  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
  });

  it("imports a roster, shows the coverage line, filters by state and downloads the rows not done", async () => {
    await page.goto(`${bot.url}/admin/login`);
    await page.getByLabel("ログインID").fill("jimukyoku");
    await page.getByLabel("パスワード").fill(PASSWORD);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.goto(`${bot.url}/admin/roster`);
    const csv =
      "登録記号番号,施術所名,氏名\n協1100001-0-1,浦和接骨院,浦和 一\n協1100002-0-2,大宮整骨院,大宮 二\n協1100003-0-3,川口接骨院,川口 三\n";
    await page
      .getByLabel(/名簿のCSVファイル/)
      .setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "取り込む" }).click();
    await page.getByText("3 件を取り込み").waitFor();
    await registered("started", "110000101");
    await registered("applied", "110000202");

    await page.goto(`${bot.url}/admin`);
    const line = page.getByTestId("coverage-line");
    expect(await line.textContent()).toBe("名簿 3 件：導入完了 1・途中 1・未着手 0・LINE未登録 1・対象外 0");
    await line.getByRole("link").click();
    await page.getByRole("heading", { name: "名簿の導入状況" }).waitFor();
    expect(await page.getByTestId("coverage-rows").locator("tbody tr").count()).toBe(2);
    await page.getByLabel("状態").selectOption("done");
    await page.getByRole("button", { name: "表示する" }).click();
    const rows = page.getByTestId("coverage-rows").locator("tbody tr");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("浦和接骨院");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "未完了の名簿をダウンロード" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^roster-not-done-\d{8}\.csv$/);
    const text = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    expect(text.trim().split("\r\n")).toEqual([
      '"登録記号番号","施術所名","氏名","状態","進み具合"',
      '"協1100002-0-2","大宮整骨院","大宮 二","途中","利用開始申請済み"',
      '"協1100003-0-3","川口接骨院","川口 三","LINE未登録",""',
    ]);
  });

  it("the simulator shows the rich menu like a phone, and 「+1日」 moves its clock", async () => {
    await page.goto(`${bot.url}/dev/simulator`);
    const board = page.getByRole("group", { name: "リッチメニュー" });
    await board.getByRole("button", { name: /進み具合/ }).click();
    await page.getByText("次にすること").waitFor();
    await page.getByRole("button", { name: "メニュー ▾" }).click(); // the bar under the chat folds it
    expect(await board.isHidden()).toBe(true);
    const clock = page.locator("#clock");
    await clock.filter({ hasText: "いま" }).waitFor();
    const before = await clock.textContent();
    await page.getByRole("button", { name: "+1日" }).click();
    await clock.filter({ hasText: "24時間先" }).waitFor();
    expect(await clock.textContent()).not.toBe(before);
  });
});
