// The simulator page against a fake API (no bot): how it draws LINE messages, what taps send,
// that bot text can never become markup, and that polled pushes show exactly once.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser } from "../helpers/browser.js";
import { type FakeSimulator, startFakeSimulator, XSS } from "./fake-simulator.js";

const USER_A = "U4d1f6a0c2b8e4f7a9c3d5e1b2a4c6e01";

describe.skipIf(!hasChromium() && !process.env.CI)("simulator page (fake API)", () => {
  let browser: Browser;
  let fake: FakeSimulator;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    [browser, fake] = await Promise.all([launchBrowser(), startFakeSimulator()]);
  });
  afterAll(async () => {
    await browser?.close();
    await fake?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 480, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: fake.url });
    page = await context.newPage();
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${fake.url}/dev/simulator`);
    fake.received.length = 0;
  });
  afterEach(() => context.close());

  const botBubbles = (p: Page) => p.locator(".row.bot .bubble").allInnerTexts();
  const myBubbles = (p: Page) => p.locator(".row.me .bubble").allInnerTexts();
  const follow = async () => {
    await page.getByRole("button", { name: "友だち追加" }).click();
    await page.locator(".chip").first().waitFor(); // chips come with the reply, and only then
  };
  const say = async (text: string) => {
    await page.getByRole("textbox", { name: "メッセージ" }).fill(text);
    await page.keyboard.press("Enter");
  };

  it("tells a newcomer what to do while the chat is empty, and stops once it is not", async () => {
    const hint = () => page.locator("#log").evaluate((node) => getComputedStyle(node, "::before").content);
    expect(await hint()).toContain("友だち追加");
    await follow();
    expect(await hint()).toBe("none");
  });

  it("renders text with its line breaks and links, and quick replies as chips", async () => {
    await follow();
    expect(await botBubbles(page)).toEqual([
      "友だち追加ありがとうございます。\n詳しくは https://example.com/guide をご覧ください。",
      "ご用件をお選びください。",
    ]);
    expect(await page.locator(".bubble a").getAttribute("href")).toBe("https://example.com/guide");
    expect(await page.locator(".chip").allInnerTexts()).toEqual([
      "メニュー",
      "登録を始める",
      "番号をコピー",
      "サイト",
    ]);
    expect(fake.received).toEqual([{ userId: USER_A, event: "follow" }]);
    expect(await page.locator(".system").textContent()).toBe("友だち追加しました");
  });

  it("sends a message chip's text and a postback chip's data, showing displayText locally", async () => {
    await follow();
    await page.locator(".chip", { hasText: "メニュー" }).click();
    await page.getByText("echo: メニュー").waitFor();
    expect(await page.locator(".chip").count()).toBe(0);
    await follow();
    await page.locator(".chip", { hasText: "登録を始める" }).click();
    await page.getByText("postback: a=start").waitFor();
    expect(await myBubbles(page)).toEqual(["メニュー", "登録を始めます"]);
    expect(fake.received.slice(-1)).toEqual([{ userId: USER_A, postback: "a=start" }]);
  });

  it("copies a clipboard action's text and says so", async () => {
    await follow();
    await page.locator(".chip", { hasText: "番号をコピー" }).click();
    await page.getByText("コピーしました").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("0800-080-4583");
    expect(fake.received).toHaveLength(1);
  });

  it("draws a Flex bubble with header, hero, body, footer and working buttons", async () => {
    await say("flex");
    const card = page.locator(".flex-bubble");
    await card.waitFor();
    expect(await card.locator(".fx-header").textContent()).toBe("入力内容確認");
    expect(await card.locator(".fx-hero .fx-img").textContent()).toBe("画像");
    expect(await card.locator(".fx-sep").count()).toBe(1);
    expect(await card.locator(".fx-baseline").textContent()).toContain("山田 太郎");
    expect(await card.getByText("折り返して").textContent()).toContain("\n改行も残ります。");
    expect(await card.locator(".fx-btn.primary").textContent()).toBe("この内容で登録");
    expect(await card.locator(".fx-btn.secondary").textContent()).toBe("修正する");
    expect(await card.locator(".fx-btn.link").textContent()).toBe("コピー");
    await card.locator(".fx-btn.primary").click();
    await page.getByText("postback: a=confirm").waitFor();
    expect(fake.received.at(-1)).toEqual({ userId: USER_A, postback: "a=confirm" });
  });

  it("lays a carousel out side by side, scrolling horizontally", async () => {
    await say("carousel");
    const strip = page.locator(".carousel");
    await strip.waitFor();
    expect(await strip.locator(".flex-bubble").count()).toBe(3);
    const sizes = await strip.evaluate((n) => ({ scroll: n.scrollWidth, client: n.clientWidth }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
  });

  it("shows markup from the bot as text, in text, Flex and template messages", async () => {
    await say("xss");
    await page.locator(".tpl").waitFor();
    expect(await page.locator("#log img, .quick img").count()).toBe(0);
    expect(await botBubbles(page)).toEqual([XSS]);
    expect(await page.locator(".fx-header").textContent()).toBe(XSS);
    expect(await page.locator(".tpl-text").textContent()).toBe(XSS);
    await page.getByRole("button", { name: "bad" }).click();
    await page.getByText("開けないリンクです").waitFor();
    expect(dialogs).toEqual([]);
  });

  it("sends on Enter but not while the IME is composing", async () => {
    const box = page.getByRole("textbox", { name: "メッセージ" });
    await box.fill("へんかん");
    await box.evaluate((node) =>
      node.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", isComposing: true, bubbles: true })),
    );
    await page.waitForTimeout(200);
    expect(fake.received).toEqual([]);
    await page.keyboard.press("Enter");
    await page.getByText("echo: へんかん").waitFor();
    expect(await box.inputValue()).toBe("");
  });

  it("shows a push found by polling exactly once, after replies already shown", async () => {
    await say("こんにちは");
    await page.getByText("echo: こんにちは").waitFor();
    fake.push(USER_A, [{ type: "text", text: "【リマインド】登録用リンクの期限が近づいています。" }]);
    await page.getByText("【リマインド】").waitFor({ timeout: 5_000 });
    await page.waitForTimeout(2_500);
    expect(await botBubbles(page)).toEqual([
      "echo: こんにちは",
      "【リマインド】登録用リンクの期限が近づいています。",
    ]);
  });

  it("keeps a separate history per member, across reloads", async () => {
    await say("Aです");
    await page.getByText("echo: Aです").waitFor();
    await page.getByRole("combobox", { name: "ユーザー" }).selectOption({ label: "会員B" });
    expect(await botBubbles(page)).toEqual([]);
    await say("Bです");
    await page.getByText("echo: Bです").waitFor();
    expect(fake.received.at(-1)?.userId).toBe("U7b2e9c4d1a6f4e8b0d2c7a5f3e9b1d02");
    await page.reload();
    expect(await botBubbles(page)).toEqual(["echo: Bです"]);
    await page.getByRole("combobox", { name: "ユーザー" }).selectOption({ label: "会員A" });
    expect(await botBubbles(page)).toEqual(["echo: Aです"]);
    await page.getByRole("button", { name: "+ ユーザー追加" }).click();
    const added = await page.getByRole("combobox", { name: "ユーザー" }).inputValue();
    expect(added).toMatch(/^U[0-9a-f]{32}$/);
    expect(await page.locator("#user option").allInnerTexts()).toEqual(["会員A", "会員B", "会員C", "会員D"]);
  });
});
