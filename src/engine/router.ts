// The engine's entry: one pure transition (state, input) → (state, replies, effects). It applies the
// rules that hold everywhere (passwords, data erasure, follow/unfollow), lets the active flow take
// its inputs, and routes free chat to the menu, the flows, the journey and the FAQ.

import type { MenuContent } from "../../flows/menu.js";
import type { FaqResult } from "../answerer/types.js";
import type { Flow, FlowContext } from "./flow.js";
import { parsePostback, postbackData, settleReplies, text } from "./messages.js";
import { normalizeCommand } from "./normalize-command.js";
import { scrubPersonal, stripInvisible } from "./privacy.js";
import {
  type ConversationState,
  INITIAL_STATE,
  type Input,
  type LineMessage,
  type StepResult,
} from "./types.js";

/** A feature outside the flows (e.g. the journey) handles the inputs it recognises, else null. */
export interface Feature {
  handle(ctx: FlowContext, state: ConversationState, input: Input): StepResult | null;
}

export interface EngineParts {
  menu: MenuContent;
  flows: { registration: Flow; eligibility: Flow };
  journey: Feature;
  looksLikePassword(text: string): boolean;
  faqReplies(result: FaqResult): LineMessage[];
  callCentreReplies(): LineMessage[];
}

const MAX_INPUT = 5000;

export type Engine = (ctx: FlowContext, state: ConversationState, input: Input) => StepResult;

export function createEngine(parts: EngineParts): Engine {
  const { menu } = parts;
  const menuChoices = menu.menu.map((m) => ({ label: m.label, data: postbackData(m.action) }));
  // Trigger words folded once, not on every message.
  type Trigger = keyof MenuContent["triggers"];
  const triggerKeys = new Map(
    (Object.keys(menu.triggers) as Trigger[]).map((t) => [
      t,
      new Set(menu.triggers[t].map(normalizeCommand)),
    ]),
  );
  const matcher = (raw: string) => {
    const command = normalizeCommand(raw);
    return (trigger: Trigger) => triggerKeys.get(trigger)?.has(command) ?? false;
  };
  const reply = (state: ConversationState, replies: LineMessage[], effects: StepResult["effects"] = []) => ({
    state,
    replies,
    effects,
  });
  const showMenu = (state: ConversationState, lead = menu.menuPrompt) =>
    reply(state, [text(lead, menuChoices)]);
  const flowOf = (state: ConversationState) =>
    state.flow === "registration"
      ? parts.flows.registration
      : state.flow === "eligibility"
        ? parts.flows.eligibility
        : null;

  /** Answers something outside the active flow, then repeats the flow's prompt so the member can go on. */
  const thenResume = (ctx: FlowContext, state: ConversationState, result: StepResult): StepResult => {
    const flow = flowOf(result.state);
    if (!flow || result.state.flow !== state.flow) return result;
    return { ...result, replies: settleReplies([...result.replies, ...flow.resume(ctx, result.state)]) };
  };

  function onPostback(ctx: FlowContext, current: ConversationState, data: string): StepResult {
    const { action, params } = parsePostback(data);
    // The question a person may be asked about lives for one turn only: the 「担当者に聞く」 offer.
    const state = action === "inquiry.create" || action === "faq.none" ? current : forgetQuestion(current);
    if (action === "menu") return showMenu(state);
    if (action === "flow.resume") {
      const active = flowOf(state);
      return active ? reply(state, active.resume(ctx, state)) : showMenu(state);
    }
    if (action === "reg.start")
      return parts.flows.registration.start(ctx, { ...INITIAL_STATE, answers: state.answers });
    if (action.startsWith("reg."))
      return parts.flows.registration.step(ctx, state, { kind: "postback", data });
    if (action === "elig.start") return parts.flows.eligibility.start(ctx, { ...state, flow: "eligibility" });
    if (action.startsWith("elig"))
      return parts.flows.eligibility.step(ctx, state, { kind: "postback", data });
    if (action.startsWith("journey."))
      return parts.journey.handle(ctx, state, { kind: "postback", data }) ?? showMenu(state);
    if (action === "faq.top")
      return reply(state, [
        text(
          menu.faqPrompt,
          menu.faqExamples.map((q) => ({ label: q, text: q })),
        ),
      ]);
    if (action === "faq") {
      const entry = ctx.faq.byId(params.id ?? "");
      return entry ? reply(state, parts.faqReplies({ kind: "confident", entry, score: 1 })) : showMenu(state);
    }
    if (action === "faq.none") return offerPerson(state);
    if (action === "callcentre") return reply(state, parts.callCentreReplies());
    if (action === "inquiry.start")
      return reply({ ...state, scratch: { ...state.scratch, awaitingInquiry: "1" } }, [
        text(menu.inquiry.askPrompt),
      ]);
    if (action === "inquiry.create") {
      const question = state.scratch?.lastQuestion;
      if (!question)
        return reply({ ...state, scratch: { ...state.scratch, awaitingInquiry: "1" } }, [
          text(menu.inquiry.askPrompt),
        ]);
      return reply(
        forgetQuestion(state),
        [text(menu.inquiry.created)],
        [{ type: "createInquiry", question }],
      );
    }
    if (action === "erase") return confirmErase(state);
    if (action === "erase.yes")
      return reply({ ...INITIAL_STATE }, [text(menu.erase.done)], [{ type: "eraseMember" }]);
    if (action === "erase.no") return reply(state, [text(menu.erase.kept)]);
    return reply(state, [text(menu.unknownPostback, menuChoices)]);
  }

  const forgetQuestion = (state: ConversationState): ConversationState => {
    if (!state.scratch?.lastQuestion && !state.scratch?.awaitingInquiry) return state;
    const { lastQuestion: _q, awaitingInquiry: _a, ...rest } = state.scratch;
    return { ...state, scratch: Object.keys(rest).length > 0 ? rest : undefined };
  };

  const confirmErase = (state: ConversationState) =>
    reply(state, [
      text(menu.erase.confirm, [
        { label: menu.erase.yes, data: postbackData("erase.yes") },
        { label: menu.erase.no, data: postbackData("erase.no") },
      ]),
    ]);

  const offerPerson = (state: ConversationState) => reply(state, parts.faqReplies({ kind: "none" }));

  /** Free text while no flow is active: trigger words, a pending inquiry, then the FAQ. */
  function onIdleText(ctx: FlowContext, current: ConversationState, raw: string): StepResult {
    if (current.scratch?.awaitingInquiry) {
      return reply(
        forgetQuestion(current),
        [text(menu.inquiry.created)],
        [{ type: "createInquiry", question: raw }],
      );
    }
    const is = matcher(raw);
    if (is("inquiry")) return onPostback(ctx, current, postbackData("inquiry.create"));
    const state = forgetQuestion(current);
    if (is("menu")) return showMenu(state);
    if (is("registration")) return onPostback(ctx, state, postbackData("reg.start"));
    if (is("eligibility")) return onPostback(ctx, state, postbackData("elig.start"));
    if (is("progress")) return onPostback(ctx, state, postbackData("journey.progress"));
    if (is("callCentre")) return reply(state, parts.callCentreReplies());
    const journey = parts.journey.handle(ctx, state, { kind: "text", text: raw });
    if (journey) return journey;
    return answerQuestion(ctx, state, raw);
  }

  function answerQuestion(ctx: FlowContext, state: ConversationState, question: string): StepResult {
    const result = ctx.faq.answer(question);
    const replies = parts.faqReplies(result);
    if (result.kind === "confident")
      return reply(state, replies, [{ type: "enhanceAnswer", question, entryIds: [result.entry.id] }]);
    const remembered = { ...state, scratch: { ...state.scratch, lastQuestion: question } };
    if (result.kind === "unsure") return reply(remembered, replies);
    return reply(remembered, replies, [
      { type: "recordUnanswered", question: scrubPersonal(question, Object.values(state.answers)) },
    ]);
  }

  return function step(ctx, state, input) {
    if (input.kind === "follow") {
      const lines = input.isUnblocked ? menu.welcomeBack : menu.welcome;
      return reply(
        state,
        [...lines.slice(0, -1).map((l) => text(l)), text(lines.at(-1)!, menuChoices)],
        [{ type: "markActive" }],
      );
    }
    if (input.kind === "unfollow")
      return reply({ ...INITIAL_STATE }, [], [{ type: "markInactive" }, { type: "eraseMember" }]);
    const flow = flowOf(state);
    if (input.kind === "text") input = { kind: "text", text: stripInvisible(input.text) };
    if (input.kind === "text") {
      if (input.text.length > MAX_INPUT) return thenResume(ctx, state, reply(state, [text(menu.tooLong)]));
      if (parts.looksLikePassword(input.text))
        return thenResume(
          ctx,
          state,
          reply(
            state,
            menu.passwordRefused.map((l) => text(l)),
          ),
        );
      const is = matcher(input.text);
      if (is("erase")) return confirmErase(state);
      // Mid-form, 「メニュー」 or 「進み具合」 is a request, not an answer: serve it, then resume the form.
      if (flow && is("menu"))
        return reply(state, [
          text(menu.menuPrompt, [
            { label: menu.resumeLabel, data: postbackData("flow.resume") },
            ...menuChoices,
          ]),
        ]);
      if (flow && is("progress"))
        return thenResume(ctx, state, onPostback(ctx, state, postbackData("journey.progress")));
      // Nobody is called 「登録」: mid-form, the words that start something start it (「登録」 again
      // offers 続きから／最初から; the answers given so far are kept either way).
      if (flow && is("registration")) return onPostback(ctx, state, postbackData("reg.start"));
      if (flow && is("eligibility")) return onPostback(ctx, state, postbackData("elig.start"));
      if (flow && is("callCentre")) return thenResume(ctx, state, reply(state, parts.callCentreReplies()));
      if (flow) return flow.step(ctx, state, input);
      return onIdleText(ctx, state, input.text);
    }
    if (input.kind === "postback") {
      const { action } = parsePostback(input.data);
      // Flow postbacks (and restarting a flow) answer with their own prompt: no resume appended.
      const ownedByFlow =
        action.startsWith("reg.") ||
        action.startsWith("elig.") ||
        action === "elig" ||
        action === "flow.resume";
      if (flow && !ownedByFlow) return thenResume(ctx, state, onPostback(ctx, state, input.data));
      return onPostback(ctx, state, input.data);
    }
    if (flow) return flow.step(ctx, state, input);
    if (input.kind === "nonText") return reply(state, [text(menu.nonText, menuChoices)]);
    return reply(state, []);
  };
}
