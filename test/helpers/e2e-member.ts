// A member's side of an end-to-end dialog: sends through the simulator API over HTTP (so the real
// webhook, engine, libSQL file and SDK client to the emulator all run) and taps what the bot offered
// (a quick reply or a Flex button, by its label) the way a phone would, so tests read like a chat.
import { expect } from "vitest";
import { newUserId, type TestBot } from "./bot.js";

// biome-ignore lint/suspicious/noExplicitAny: LINE message JSON as the emulator received it
export type Message = Record<string, any>;
// biome-ignore lint/suspicious/noExplicitAny: an action object of any LINE action type
export type Action = Record<string, any>;

/** Every text a member would read: text bubbles and every text inside a Flex message. */
export function readable(messages: Message[]): string {
  return messages
    .map((m) => (m.type === "flex" ? flexTexts(m.contents).join("\n") : (m.text ?? "")))
    .join("\n");
}

/** The `text` of every Flex component, in order. */
export function flexTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(flexTexts);
  if (!node || typeof node !== "object") return [];
  const n = node as Record<string, unknown>;
  const own = n.type === "text" && typeof n.text === "string" ? [n.text] : [];
  return [...own, ...["header", "hero", "body", "footer", "contents"].flatMap((k) => flexTexts(n[k]))];
}

/** Every action of the buttons inside Flex messages. */
export function flexActions(messages: Message[]): Action[] {
  const walk = (node: unknown): Action[] => {
    if (Array.isArray(node)) return node.flatMap(walk);
    if (!node || typeof node !== "object") return [];
    const n = node as Record<string, unknown>;
    const own = n.type === "button" && n.action ? [n.action as Action] : [];
    return [...own, ...["header", "hero", "body", "footer", "contents"].flatMap((k) => walk(n[k]))];
  };
  return messages.filter((m) => m.type === "flex").flatMap((m) => walk(m.contents));
}

/** The quick replies a phone shows: only those of the last message. */
export function quickActions(messages: Message[]): Action[] {
  return (messages.at(-1)?.quickReply?.items ?? []).map((i: { action: Action }) => i.action);
}

export const labels = (actions: Action[]): string[] => actions.map((a) => a.label);

export class Member {
  /** The messages of the bot's last answer. */
  last: Message[] = [];

  constructor(
    private bot: () => TestBot,
    readonly userId: string = newUserId(),
  ) {}

  async send(body: Record<string, unknown>): Promise<Message[]> {
    const result = await this.bot().send({ userId: this.userId, ...body });
    expect(result.webhookStatus).toBe(200);
    this.last = result.messages;
    return this.last;
  }

  say = (text: string) => this.send({ text });
  postback = (data: string) => this.send({ postback: data });
  follow = () => this.send({ event: "follow" });
  sticker = () => this.send({ sticker: true });

  /** Taps the quick reply or Flex button labelled `label` in the bot's last answer. */
  async tap(label: string): Promise<Message[]> {
    const offered = [...quickActions(this.last), ...flexActions(this.last)];
    const action = offered.find((a) => a.label === label);
    if (!action) throw new Error(`no button 「${label}」 among: ${labels(offered).join(" / ")}`);
    if (action.type === "postback") return this.postback(action.data);
    if (action.type === "message") return this.say(action.text);
    throw new Error(`「${label}」 is a ${action.type} action, not something that talks to the bot`);
  }

  /** What the member reads in the last answer. */
  get read(): string {
    return readable(this.last);
  }

  get quickLabels(): string[] {
    return labels(quickActions(this.last));
  }
}
