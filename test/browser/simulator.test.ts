// End to end through a real browser: the simulator page on the real Node server (emulator mode,
// libSQL, engine), used the way a newcomer would — follow, type, tap a chip, switch member.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { menuContent } from "../../flows/menu.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { hasChromium, launchBrowser } from "../helpers/browser.js";

const SCREENSHOT = "/tmp/simulator.png";

describe.skipIf(!hasChromium() && !process.env.CI)("simulator page (real bot)", () => {
  let browser: Browser;
  let bot: TestBot;
  let page: Page;

  beforeAll(async () => {
    [browser, bot] = await Promise.all([launchBrowser(), startTestBot()]);
    page = await browser.newPage({ viewport: { width: 430, height: 900 } });
    await page.goto(`${bot.url}/dev/simulator`);
  });
  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
  });

  const botBubbles = () => page.locator(".row.bot .bubble").allTextContents();
  const chips = () => page.locator(".chip").allTextContents();
  const currentUser = () => page.getByRole("combobox", { name: "ユーザー" }).inputValue();
  /** What the emulator recorded as sent to that member, as text (Flex shows as its altText). */
  async function sentTexts(userId: string): Promise<string[]> {
    const res = await fetch(`${bot.url}/dev/simulator/messages?userId=${userId}&sinceSeq=0`);
    const { deliveries } = (await res.json()) as {
      deliveries: Array<{ messages: Array<Record<string, string>> }>;
    };
    return deliveries.flatMap((d) => d.messages).flatMap((m) => (m.type === "text" ? [m.text!] : []));
  }
  async function waitForBubbles(count: number): Promise<void> {
    await page.waitForFunction((n) => document.querySelectorAll(".row.bot .bubble").length >= n, count);
  }

  it("greets a member who adds the account as a friend", async () => {
    await page.getByRole("button", { name: "友だち追加" }).click();
    await page.getByText(menuContent.welcome[0]!).waitFor();
    await page.locator(".chip").first().waitFor();
    expect(await botBubbles()).toEqual(menuContent.welcome);
    expect(await chips()).toEqual(menuContent.menu.map((m) => m.label));
    expect(await page.locator("#status").textContent()).toMatch(/^webhook 200 /);
  });

  it("answers メニュー typed and sent with Enter, with quick-reply chips", async () => {
    const before = (await botBubbles()).length;
    await page.getByRole("textbox", { name: "メッセージ" }).fill("メニュー");
    await page.keyboard.press("Enter");
    await waitForBubbles(before + 1);
    await page.locator(".chip").first().waitFor();
    expect((await botBubbles()).at(-1)).toBe(menuContent.menuPrompt);
    expect(await page.locator(".row.me .bubble").allTextContents()).toEqual(["メニュー"]);
    expect(await chips()).toEqual(menuContent.menu.map((m) => m.label));
  });

  it("follows a tapped chip with the next reply", async () => {
    const before = (await botBubbles()).length;
    await page.locator(".chip", { hasText: "よくある質問" }).click();
    await waitForBubbles(before + 1);
    expect(await botBubbles()).toContain(menuContent.faqPrompt);
    expect((await page.locator(".row.me .bubble").allTextContents()).at(-1)).toBe("よくある質問");
    expect(await chips()).toEqual(menuContent.faqExamples);
    await page.screenshot({ path: SCREENSHOT });
  });

  it("shows exactly what the bot sent, each message once", async () => {
    await page.waitForTimeout(2_500); // at least one poll after the replies
    expect(await botBubbles()).toEqual(await sentTexts(await currentUser()));
  });

  it("keeps a separate chat per simulated member", async () => {
    const first = await currentUser();
    await page.getByRole("combobox", { name: "ユーザー" }).selectOption({ label: "会員B" });
    expect(await currentUser()).not.toBe(first);
    expect(await botBubbles()).toEqual([]);
    await page.getByRole("button", { name: "友だち追加" }).click();
    await waitForBubbles(menuContent.welcome.length);
    expect(await botBubbles()).toEqual(menuContent.welcome);
    await page.getByRole("combobox", { name: "ユーザー" }).selectOption({ label: "会員A" });
    expect(await botBubbles()).toContain(menuContent.faqPrompt);
  });
});
