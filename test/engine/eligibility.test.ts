// The eligibility check as plain function calls: tree data through the generic tree interpreter.
import type { messagingApi } from "@line/bot-sdk";
import { describe, expect, it } from "vitest";
import { ELIGIBILITY_TREE, eligibilityFlow } from "../../flows/eligibility.js";
import type { FlowContext } from "../../src/engine/flow.js";
import { parsePostback, postbackData } from "../../src/engine/messages.js";
import { createTreeFlow, decisionTreeSchema } from "../../src/engine/tree-flow.js";
import {
  type ConversationState,
  INITIAL_STATE,
  type Input,
  type StepResult,
} from "../../src/engine/types.js";

const ctx = {
  now: new Date("2026-11-25T09:00:00+09:00"),
  member: { userId: "U1", journeyStep: null, journeyAt: {} },
  faq: { answer: () => ({ kind: "none" }), byId: () => undefined },
} satisfies FlowContext;

const texts = (r: StepResult) => r.replies.map((m) => (m as messagingApi.TextMessage).text);
const last = (r: StepResult) => r.replies.at(-1) as messagingApi.TextMessage;
interface Button {
  label: string;
  action?: string;
  params?: Record<string, string>;
  text?: string;
}
const buttons = (r: StepResult): Button[] =>
  (last(r).quickReply?.items ?? []).map((i) => {
    const a = i.action as { label: string; data?: string; text?: string };
    return a.data ? { label: a.label, ...parsePostback(a.data) } : { label: a.label, text: a.text };
  });
const press = (node: string, choice: string): Input => ({
  kind: "postback",
  data: postbackData("elig", { node, choice }),
});
const say = (t: string): Input => ({ kind: "text", text: t });

/** Runs the flow from the start through the given inputs, returning every step's result. */
function run(...inputs: Input[]): StepResult[] {
  const results = [eligibilityFlow.start(ctx, { ...INITIAL_STATE })];
  for (const input of inputs) results.push(eligibilityFlow.step(ctx, results.at(-1)!.state, input));
  return results;
}

describe("eligibility flow", () => {
  it("starts with an introduction and the first question, with a quit button", () => {
    const [r] = run();
    expect(r!.state).toMatchObject({ flow: "eligibility", step: "facility" });
    expect(texts(r!)[0]).toContain("資格確認限定型");
    expect(buttons(r!).map((b) => b.label)).toContain("柔道整復の施術所");
    expect(buttons(r!).at(-1)).toEqual({ label: "やめる", text: "やめる" });
    expect(buttons(r!)[0]).toMatchObject({ action: "elig", params: { node: "facility", choice: "jusei" } });
  });

  it("walks a judo therapist with 協 and a smartphone to the registration button", () => {
    const results = run(
      press("facility", "jusei"),
      press("juryo", "yes"),
      press("number", "kyo"),
      press("device", "phone"),
    );
    const end = results.at(-1)!;
    expect(texts(results[1]!)[0]).toContain("施術所（柔道整復）");
    expect(texts(results[3]!)[0]).toContain("「協」を選び");
    expect(end.state.flow).toBe("idle");
    expect(end.state.step).toBeUndefined();
    expect(texts(end).join()).toContain("ユーザー登録");
    // Registration first; whether the clinic is exempt (70歳以上, closing…) is one tap away.
    expect(buttons(end).map((b) => b.action)).toEqual(["reg.start", "journey.exempt", "inquiry.create"]);
  });

  it("accepts typed text matching a choice label, in any width", () => {
    const results = run(say("柔整"), say(" はい。"), say("契"), say("パソコン"));
    expect(results.map((r) => r.state.step)).toEqual(["facility", "juryo", "number", "device", undefined]);
  });

  it("takes a choice's words before a comma (「柔道整復の施術所、うちは接骨院です」)", () => {
    const results = run(say("柔道整復の施術所、うちは接骨院です"), say("はい、持っています"));
    expect(results.map((r) => r.state.step)).toEqual(["facility", "juryo", "number"]);
  });

  it("takes a choice's word at the very start without a comma (「はいたぶんあると思います」「きょうです協定の協」)", () => {
    const [, facility, juryo, kind] = run(
      press("facility", "jusei"),
      { kind: "text", text: "はいたぶんあると思います" },
      { kind: "text", text: "きょうです協定の協" },
    );
    expect(facility!.state.step).toBe("juryo");
    expect(juryo!.state.step).toBe("number");
    expect(kind!.state.step).not.toBe("number");
  });

  it("re-asks politely on anything else, staying on the same question", () => {
    const [, r] = run(say("うーん、どうだろう"));
    expect(r!.state).toMatchObject({ flow: "eligibility", step: "facility" });
    expect(texts(r!)[0]).toContain("下のボタンから選んでください");
    expect(texts(r!)[1]).toBe(texts(run()[0]!)[1]);
    const [, sticker] = run({ kind: "nonText", messageType: "sticker" });
    expect(sticker!.state.step).toBe("facility");
  });

  it("a button from an earlier question answers it again: the check goes on from there", () => {
    const [, , r] = run(press("facility", "jusei"), press("facility", "ahaki"));
    expect(r!.state.step).toBe("juryo-ahaki");
  });

  it("an old button once the check is over goes on from its question; an unknown one starts nothing", () => {
    const idle: ConversationState = { ...INITIAL_STATE };
    const old = eligibilityFlow.step(ctx, idle, press("device", "phone"));
    expect(old.state.flow).toBe("idle");
    expect(texts(old).join("\n")).toContain("Bluetooth");
    const unknown = eligibilityFlow.step(ctx, idle, press("nosuch", "x"));
    expect(unknown.state).toEqual(idle);
    expect(texts(unknown)).toEqual([ELIGIBILITY_TREE.stale]);
  });

  it.each(["もういいです", "まちがえておした"])("leaves on 「%s」 too", (typed) => {
    const [, r] = run(say(typed));
    expect(r!.state.flow).toBe("idle");
  });

  it("leaves on 「やめる」, back to idle", () => {
    const [, , r] = run(press("facility", "jusei"), say("やめる"));
    expect(r!.state).toMatchObject({ flow: "idle", step: undefined });
    expect(texts(r!)[0]).toContain("やめました");
  });

  it("sends members without 受領委任 or unsure ones to a person", () => {
    const noJuryo = run(press("facility", "ahaki"), press("juryo-ahaki", "no")).at(-1)!;
    expect(texts(noJuryo).join()).toContain("受領委任払いを行っている施術所が対象");
    expect(buttons(noJuryo).map((b) => b.action)).toEqual(["inquiry.create"]);
    const unsure = run(press("facility", "unknown")).at(-1)!;
    expect(buttons(unsure).map((b) => b.action)).toEqual(["inquiry.create"]);
  });

  it("gives dated device and subsidy facts to members without equipment", () => {
    const end = run(
      press("facility", "jusei"),
      press("juryo", "yes"),
      press("number", "kei"),
      press("device", "none"),
    ).at(-1)!;
    const body = texts(end).join();
    expect(body).toContain("41,000円");
    expect(body).toContain("2025年2月1日時点");
    expect(body).toContain("本会にご相談ください");
  });

  it("resumes with the current question after an interruption", () => {
    const [, r] = run(press("facility", "jusei"));
    const [again] = eligibilityFlow.resume(ctx, r!.state);
    expect((again as messagingApi.TextMessage).text).toContain("受領委任");
  });

  it("starts over at the first question when the saved step no longer exists", () => {
    const stale: ConversationState = { ...INITIAL_STATE, flow: "eligibility", step: "removed-node" };
    expect(eligibilityFlow.step(ctx, stale, say("はい")).state.step).toBe("facility");
  });
});

describe("decision tree data", () => {
  it("keeps every dated statement marked 「時点」 and every label within LINE's 20 characters", () => {
    const tree = decisionTreeSchema.parse(ELIGIBILITY_TREE);
    const sentences = tree.nodes.flatMap((n) => [
      n.text,
      ...(n.kind === "question" ? n.choices.map((c) => c.say ?? "") : []),
    ]);
    for (const s of sentences) if (/2025年|2026年/.test(s)) expect(s).toContain("時点");
  });

  it("refuses a tree with a dangling or unreachable node", () => {
    const broken = { ...ELIGIBILITY_TREE, start: "nowhere" };
    expect(() => createTreeFlow(broken)).toThrow(/start node missing/);
    const orphan = {
      ...ELIGIBILITY_TREE,
      nodes: [
        ...ELIGIBILITY_TREE.nodes,
        { kind: "end" as const, id: "orphan", text: "x", actions: [{ label: "a", action: "b" }] },
      ],
    };
    expect(() => createTreeFlow(orphan)).toThrow(/never reached/);
  });
});
