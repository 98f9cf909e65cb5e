// Checks on the simulator page's source that need no browser: the script parses, nothing is
// loaded from elsewhere, and the route serves it.
import { describe, expect, it } from "vitest";
import { simulatorPageHtml, simulatorPageScript } from "../../src/dev/simulator-page.js";

describe("simulatorPageHtml", () => {
  it("has a script that parses", () => {
    expect(() => new Function(simulatorPageScript)).not.toThrow();
  });

  it("loads nothing from another origin and never feeds bot data to innerHTML", () => {
    expect(simulatorPageHtml).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(simulatorPageHtml).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(simulatorPageHtml).toContain("connect-src 'self'");
  });

  it("is in Japanese, with the event buttons and the composer", () => {
    for (const label of [
      "友だち追加",
      "ブロック",
      "ブロック解除",
      "スタンプを送る",
      "送信",
      "+ ユーザー追加",
    ])
      expect(simulatorPageHtml).toContain(`>${label}<`);
    expect(simulatorPageHtml).toContain('<html lang="ja">');
  });
});
