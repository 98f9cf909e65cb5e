// A stand-in for the simulator API (no bot, no database): serves the real page and answers /send
// with canned LINE messages, keeping a delivery log with sequence numbers like the emulator does.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { simulatorPageHtml } from "../../src/dev/simulator-page.js";

export const XSS = "<img src=x onerror=alert(1)>";

const bubble = (title: string, extra: object[] = []) => ({
  type: "bubble",
  header: {
    type: "box",
    layout: "vertical",
    contents: [{ type: "text", text: title, weight: "bold", size: "lg" }],
  },
  hero: { type: "image", url: "https://example.com/a.png", size: "full", aspectRatio: "20:13" },
  body: {
    type: "box",
    layout: "vertical",
    spacing: "md",
    contents: [
      {
        type: "box",
        layout: "baseline",
        contents: [
          { type: "text", text: "氏名", flex: 2, color: "#888888", size: "sm" },
          { type: "text", text: "山田 太郎", flex: 5, wrap: true },
        ],
      },
      { type: "separator" },
      {
        type: "text",
        text: "長い説明の文章は折り返して表示されます。\n改行も残ります。",
        wrap: true,
        size: "sm",
      },
      ...extra,
    ],
  },
  footer: {
    type: "box",
    layout: "vertical",
    spacing: "sm",
    contents: [
      {
        type: "button",
        style: "primary",
        action: {
          type: "postback",
          label: "この内容で登録",
          data: "a=confirm",
          displayText: "この内容で登録",
        },
      },
      {
        type: "button",
        style: "secondary",
        action: { type: "message", label: "修正する", text: "修正する" },
      },
      {
        type: "button",
        style: "link",
        action: { type: "clipboard", label: "コピー", clipboardText: "協1101234-5-6" },
      },
    ],
  },
});

function reply(body: Record<string, unknown>): object[] {
  if (body.event === "follow")
    return [
      {
        type: "text",
        text: "友だち追加ありがとうございます。\n詳しくは https://example.com/guide をご覧ください。",
      },
      {
        type: "text",
        text: "ご用件をお選びください。",
        quickReply: {
          items: [
            { type: "action", action: { type: "message", label: "メニュー", text: "メニュー" } },
            {
              type: "action",
              action: {
                type: "postback",
                label: "登録を始める",
                data: "a=start",
                displayText: "登録を始めます",
              },
            },
            {
              type: "action",
              action: { type: "clipboard", label: "番号をコピー", clipboardText: "0800-080-4583" },
            },
            { type: "action", action: { type: "uri", label: "サイト", uri: "https://example.com/" } },
          ],
        },
      },
    ];
  if (body.postback) return [{ type: "text", text: `postback: ${body.postback}` }];
  if (body.text === "flex") return [{ type: "flex", altText: "確認", contents: bubble("入力内容確認") }];
  if (body.text === "carousel")
    return [
      {
        type: "flex",
        altText: "一覧",
        contents: { type: "carousel", contents: ["一", "二", "三"].map((t) => bubble(`カード${t}`)) },
      },
    ];
  if (body.text === "xss")
    return [
      { type: "text", text: XSS },
      { type: "flex", altText: XSS, contents: bubble(XSS) },
      {
        type: "template",
        altText: "x",
        template: {
          type: "confirm",
          text: XSS,
          actions: [
            { type: "message", label: XSS, text: "y" },
            { type: "uri", label: "bad", uri: "javascript:alert(1)" },
          ],
        },
      },
    ];
  if (body.sticker) return [{ type: "sticker", packageId: "446", stickerId: "1988" }];
  return [{ type: "text", text: `echo: ${String(body.text ?? body.event)}` }];
}

export interface FakeSimulator {
  url: string;
  received: Array<Record<string, unknown>>;
  /** Records a push (as a reminder or staff notice would) for the page's poll to find. */
  push(userId: string, messages: object[]): void;
  close(): Promise<void>;
}

export async function startFakeSimulator(): Promise<FakeSimulator> {
  const received: Array<Record<string, unknown>> = [];
  const log: Array<{ seq: number; userId: string; via: string; messages: object[] }> = [];
  const record = (userId: string, via: string, messages: object[]) =>
    log.push({ seq: log.length + 1, userId, via, messages });
  const app = new Hono();
  app.get("/dev/simulator", (c) => c.html(simulatorPageHtml));
  app.post("/dev/simulator/send", async (c) => {
    const body = (await c.req.json()) as Record<string, unknown>;
    received.push(body);
    const messages = body.event === "unfollow" ? [] : reply(body);
    if (messages.length > 0) record(String(body.userId), "reply", messages);
    return c.json({ webhookStatus: 200, messages, lastSeq: log.length });
  });
  app.get("/dev/simulator/messages", (c) => {
    const userId = c.req.query("userId");
    const since = Number(c.req.query("sinceSeq") ?? 0);
    return c.json({
      deliveries: log.filter((d) => d.userId === userId && d.seq > since),
      lastSeq: log.length,
    });
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    push: (userId, messages) => record(userId, "push", messages),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
