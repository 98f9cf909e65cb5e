// The LINE messages a member sees for each kind of FAQ result.
import type { messagingApi } from "@line/bot-sdk";
import { describe, expect, it } from "vitest";
import { FAQ_ENTRIES } from "../../flows/faq/index.js";
import { callCentreReplies, faqReplies } from "../../src/answerer/replies.js";
import type { FaqEntry } from "../../src/answerer/types.js";
import { parsePostback } from "../../src/engine/messages.js";

const entry = (id: string) => FAQ_ENTRIES.find((e) => e.id === id) as FaqEntry;
const asText = (m: unknown) => m as messagingApi.TextMessage;
const postbacks = (m: unknown) =>
  (asText(m).quickReply?.items ?? []).map((i) => {
    const a = i.action as messagingApi.PostbackAction;
    return { label: a.label, ...parsePostback(a.data ?? "") };
  });

describe("faqReplies", () => {
  it("gives the answer, then the source in its own bubble", () => {
    const [answer, source] = faqReplies({ kind: "confident", entry: entry("link-24h"), score: 0.9 });
    expect(asText(answer).text).toContain("24時間");
    expect(asText(source).text).toBe("出典：オンライン資格確認説明会資料（埼玉県柔道整復師会, 2024-02-12）");
  });

  it("dates a source that has an as-of date", () => {
    const [, source] = faqReplies({ kind: "confident", entry: entry("subsidy-closed"), score: 0.9 });
    expect(asText(source).text).toMatch(/^出典：.+（2025年2月1日時点）$/);
  });

  it("adds an entry's own buttons under the source", () => {
    const [, source] = faqReplies({ kind: "confident", entry: entry("bot-start"), score: 0.9 });
    expect(postbacks(source)).toEqual([{ label: "登録をはじめる", action: "reg.start", params: {} }]);
  });

  it("offers up to three guesses and 「どれでもない」 when unsure", () => {
    const candidates = ["link-24h", "link-expired", "mail-link", "username"].map(entry);
    const [m, ...rest] = faqReplies({ kind: "unsure", candidates });
    expect(rest).toHaveLength(0);
    expect(asText(m).text).toBe("もしかして、次のどれかでしょうか。");
    expect(postbacks(m)).toEqual([
      { label: "リンクの有効期限", action: "faq", params: { id: "link-24h" } },
      { label: "期限が切れたとき", action: "faq", params: { id: "link-expired" } },
      { label: "登録用リンクのメール", action: "faq", params: { id: "mail-link" } },
      { label: "どれでもない", action: "faq.none", params: {} },
    ]);
  });

  it("says honestly when nothing fits and offers a person or the call centre", () => {
    const [m] = faqReplies({ kind: "none" });
    expect(asText(m).text).toContain("お答えできる情報がありませんでした");
    expect(postbacks(m).map((p) => p.action)).toEqual(["inquiry.create", "callcentre"]);
  });
});

describe("callCentreReplies", () => {
  it("gives the number and the hours from the briefing", () => {
    const body = callCentreReplies()
      .map((m) => asText(m).text)
      .join("\n");
    expect(body).toContain("0800-080-4583");
    expect(body).toContain("8:00〜18:00");
    expect(body).toContain("8:00〜16:00");
    expect(body).toContain("祝日");
  });
});
