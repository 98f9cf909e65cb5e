// A generic decision-tree conversation: questions with quick-reply choices, ending in an advice node
// with buttons. The tree is data (flows/eligibility.ts) validated here; the interpreter is pure.
// state.flow is the tree's flow name and state.step the current node id.
import { z } from "zod";
import type { Flow } from "./flow.js";
import { type Choice, MAX_LABEL, MAX_QUICK_REPLIES, parsePostback, postbackData, text } from "./messages.js";
import type { ConversationState, Input, LineMessage, StepResult } from "./types.js";
import { normalizeCommand } from "./understand/normalize.js";

/** Postback action of every tree button: `a=elig&node=<id>&choice=<id>`. */
export const TREE_ACTION = "elig";

const id = z.string().regex(/^[a-z0-9-]+$/);
const label = z.string().min(1).max(MAX_LABEL);

const choiceSchema = z.object({
  id,
  label,
  /** Other words a member may type for this choice. */
  also: z.array(z.string().min(1)).default([]),
  /** Said when the choice is taken, before the next node. */
  say: z.string().min(1).optional(),
  next: id,
});

const nodeSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("question"),
    id,
    text: z.string().min(1),
    choices: z.array(choiceSchema).min(1),
  }),
  z.object({
    kind: z.literal("end"),
    id,
    text: z.string().min(1),
    /** Buttons under the advice: each posts `a=<action>` (e.g. reg.start, inquiry.create). */
    actions: z.array(z.object({ label, action: z.string().min(1) })).min(1),
  }),
]);

export const decisionTreeSchema = z
  .object({
    flow: z.enum(["eligibility", "registration"]),
    start: id,
    intro: z.string().min(1),
    reask: z.string().min(1),
    /** A button of this check tapped when it is no longer running and names nothing it knows. */
    stale: z.string().min(1),
    left: z.string().min(1),
    quitLabel: label,
    quitWords: z.array(z.string().min(1)).min(1),
    nodes: z.array(nodeSchema).min(1),
  })
  .superRefine((tree, ctx) => {
    const ids = new Set<string>();
    for (const n of tree.nodes) {
      if (ids.has(n.id)) ctx.addIssue({ code: "custom", message: `node id repeated: ${n.id}` });
      ids.add(n.id);
    }
    if (!ids.has(tree.start)) ctx.addIssue({ code: "custom", message: `start node missing: ${tree.start}` });
    for (const n of tree.nodes) {
      if (n.kind !== "question") continue;
      if (n.choices.length + 1 > MAX_QUICK_REPLIES)
        ctx.addIssue({ code: "custom", message: `too many choices at ${n.id}` });
      for (const c of n.choices)
        if (!ids.has(c.next))
          ctx.addIssue({ code: "custom", message: `${n.id}.${c.id} → unknown ${c.next}` });
    }
    const reached = new Set([tree.start]);
    for (const nodeId of reached) {
      const n = tree.nodes.find((x) => x.id === nodeId);
      if (n?.kind === "question") for (const c of n.choices) reached.add(c.next);
    }
    for (const n of tree.nodes)
      if (!reached.has(n.id)) ctx.addIssue({ code: "custom", message: `node never reached: ${n.id}` });
  });

export type DecisionTree = z.input<typeof decisionTreeSchema>;
type Tree = z.output<typeof decisionTreeSchema>;
type Node = Tree["nodes"][number];
type Question = Extract<Node, { kind: "question" }>;

/** Folds width, case, spaces and polite tails so 「協」, 「 協 」 and 「はい。」 match a label. */
const fold = normalizeCommand;

export function createTreeFlow(definition: DecisionTree): Flow {
  const tree = decisionTreeSchema.parse(definition);
  const nodes = new Map(tree.nodes.map((n) => [n.id, n]));
  const quitWords = new Set(tree.quitWords.map(fold));
  const result = (state: ConversationState, replies: LineMessage[]): StepResult => ({
    state,
    replies,
    effects: [],
  });

  function ask(node: Question): LineMessage {
    const choices: Choice[] = node.choices.map((c) => ({
      label: c.label,
      data: postbackData(TREE_ACTION, { node: node.id, choice: c.id }),
      displayText: c.label,
    }));
    return text(node.text, [...choices, { label: tree.quitLabel, text: tree.quitLabel }]);
  }

  /** Moves to a node: a question is asked (state stays in the flow); an end gives advice and leaves. */
  function enter(state: ConversationState, nodeId: string, lead: string[]): StepResult {
    const node = nodes.get(nodeId)!;
    const leads = lead.map((l) => text(l));
    if (node.kind === "question")
      return result({ ...state, flow: tree.flow, step: node.id }, [...leads, ask(node)]);
    const buttons = node.actions.map((a) => ({ label: a.label, data: postbackData(a.action) }));
    return result({ ...state, flow: "idle", step: undefined }, [...leads, text(node.text, buttons)]);
  }

  function current(state: ConversationState): Question {
    const node = state.step ? nodes.get(state.step) : undefined;
    return node?.kind === "question" ? node : (nodes.get(tree.start) as Question);
  }

  function chosen(node: Question, input: Input): Question["choices"][number] | "quit" | undefined {
    if (input.kind === "postback") {
      const { action, params } = parsePostback(input.data);
      if (action !== TREE_ACTION || params.node !== node.id) return undefined;
      return node.choices.find((c) => c.id === params.choice);
    }
    if (input.kind !== "text") return undefined;
    const typed = fold(input.text);
    if (quitWords.has(typed)) return "quit";
    const saying = (key: string) =>
      node.choices.find((c) => [c.label, ...c.also].some((w) => fold(w) === key));
    // Else 「まだない、院長がガラケーです」: a choice's own words first, then a comma and more.
    const lead = fold(input.text.split(/[、,。.！!]/u)[0] ?? "");
    const said = saying(typed) ?? (lead.length > 0 && lead !== typed ? saying(lead) : undefined);
    if (said) return said;
    // 「はいたぶんあると思います」「きょうです協定の協」: one choice's word at the very start, no comma.
    const starting = node.choices.filter((c) =>
      [c.label, ...c.also].some((w) => fold(w).length >= 2 && typed.startsWith(fold(w))),
    );
    return starting.length === 1 ? starting[0] : undefined;
  }

  /** The question an earlier message's button belongs to: answering it again goes on from there. */
  function tapped(state: ConversationState, input: Input): Question {
    if (input.kind !== "postback") return current(state);
    const named = nodes.get(parsePostback(input.data).params.node ?? "");
    return named?.kind === "question" ? named : current(state);
  }

  return {
    start: (_ctx, state) => enter({ ...state, scratch: undefined }, tree.start, [tree.intro]),
    step(_ctx, state, input) {
      const node = tapped(state, input);
      const choice = chosen(node, input);
      // An unknown button from an old message, the check not running: said so, nothing started.
      if (!choice && input.kind === "postback" && state.flow !== tree.flow)
        return result(state, [text(tree.stale)]);
      if (choice === "quit") return result({ ...state, flow: "idle", step: undefined }, [text(tree.left)]);
      if (!choice) return result({ ...state, flow: tree.flow, step: node.id }, [text(tree.reask), ask(node)]);
      return enter(state, choice.next, choice.say ? [choice.say] : []);
    },
    claims: (_ctx, state, raw) => chosen(current(state), { kind: "text", text: raw }) !== undefined,
    resume: (_ctx, state) => [ask(current(state))],
  };
}
