// The engine's entry: one pure transition (state, input) → (state, replies, effects). It applies the
// rules that hold everywhere (passwords, data erasure, follow/unfollow), reads what a typed text is
// (src/engine/understand: a command, the current step's own words, small talk, a question, or an
// answer), and routes it: to the menu, the flows, the journey, the question for a person, or the FAQ.

import type { messagingApi } from "@line/bot-sdk";
import type { MenuContent } from "../../flows/menu.js";
import type { Understanding } from "../../flows/understanding.js";
import type { FaqLookup, FaqResult } from "../answerer/types.js";
import type { Flow, FlowContext } from "./flow.js";
import { createInquiry, type InquiryDesk } from "./inquiry.js";
import { jstMinutes } from "./journey/push-hours.js";
import { formatDateTime } from "./journey/steps.js";
import {
  type Choice,
  MAX_QUICK_REPLIES,
  parsePostback,
  postbackData,
  settleReplies,
  text,
  withChoices,
} from "./messages.js";
import { scrubPersonal, stripInvisible } from "./privacy.js";
import { readBlock } from "./registration/block.js";
import {
  askedToken,
  type ConversationState,
  INITIAL_STATE,
  type Input,
  inquirySentAt,
  JOURNEY_STEPS,
  type JourneyStep,
  type LineMessage,
  ONE_TURN_QUESTIONS,
  type StepResult,
  without,
} from "./types.js";
import { withoutCourtesyTail } from "./understand/extract.js";
import { createInterpreter, INTRODUCTION } from "./understand/interpret.js";
import { foldedSet, normalizeCommand, toHiragana } from "./understand/normalize.js";

/** A feature outside the flows (e.g. the journey) handles the inputs it recognises, else null. */
export interface Feature {
  handle(ctx: FlowContext, state: ConversationState, input: Input): StepResult | null;
  /** Buttons that keep the member's next step at hand under an answer (e.g. 「登録ボタンを押した」). */
  choices?(ctx: FlowContext): Choice[];
  /** The journey step a typed report names (「ユーザー登録はもう終わってます」 → registered), else null. */
  reportedStep?(text: string): JourneyStep | null;
  /** A line after an answer that depends on where the member stands (「間に合う？」: your next step), else null. */
  aside?(ctx: FlowContext, entryId: string): string | null;
}

export interface EngineParts {
  menu: MenuContent;
  understanding: Understanding;
  flows: { registration: Flow; eligibility: Flow };
  journey: Feature;
  looksLikePassword(text: string): boolean;
  /** `now` relates the dates of an answer to today (「（＝今月）」). */
  faqReplies(result: FaqResult, extra?: Choice[], now?: Date): LineMessage[];
  callCentreReplies(): LineMessage[];
}

const MAX_INPUT = 5000;
/** Social turns that are often only the polite wrapping of a question (not 「あとで」「待って」: those put it off). */
const WRAPPERS = new Set<keyof Understanding["social"]>([
  "thanks",
  "apology",
  "greeting",
  "help",
  "acknowledge",
]);
/** A part of a message that asks something, marked or elliptic (「リンクの有効期限は」). */
const ELLIPTIC = /(?:は|って|の|とは)\s*$/u;
/** 「まだ？」「まだですか」 alone: asking after the reply from staff. */
const ONLY_NOT_YET = /^まだ[^\p{Script=Han}]{0,8}$/u;
/** Folded length up to which a text about the reply is read as 「まだ？」 whatever the FAQ says (「へんじきた？」). */
const SHORT_STATUS = 8;
/** Shortest text mid-form that may be a trouble told for the FAQ rather than the field's value. */
const STATEMENT_MIN = 10;
/** A last sentence this short, without kana (「鈴木」「山田です」), is the field's value after a remark. */
const VALUE_MAX = 12;
/** A part without a kanji, a number or a topic of its own, short: it follows up on the other part. */
const FOLLOW_UP = /^[^\p{Script=Han}\d]{1,12}$/u;
/**
 * 「電話番号は整骨院のですか？父の携帯ですか？」: a short second choice after a question, both asked
 * with 「…ですか」: an either/or, one question.
 */
const ALTERNATIVE =
  /^(?!.*(?:は|って|が|を|どう|いつ|いくら|何|なに|どこ|だれ|誰))[^?？]{1,10}(?:ですか|でしょうか)[?？]?$/u;
/** Where a second question starts in one message. */
const TWO_QUESTIONS =
  /(?:[、,\s]*(?:それと|それから|あと[、,\s]|ついでに|もうひとつ|もう一つ|もう1つ)[、,\s]*)|[、,]\s*あと|[。？?！!\n]+/u;

export type Engine = (ctx: FlowContext, state: ConversationState, input: Input) => StepResult;

/** The FAQ with each question's answer kept for the rest of one event. */
function onceEach(faq: FaqLookup): FaqLookup {
  const answers = new Map<string, FaqResult>();
  return {
    answer(question) {
      let found = answers.get(question);
      if (!found) {
        found = faq.answer(question);
        answers.set(question, found);
      }
      return found;
    },
    byId: (id) => faq.byId(id),
  };
}

type Trigger = keyof MenuContent["triggers"];

/** Saturday or Sunday in Japan time (the association's office is closed; holidays are not known here). */
function weekendInJapan(now: Date): boolean {
  const day = new Date(now.getTime() + 9 * 3_600_000).getUTCDay();
  return day === 0 || day === 6;
}

/** Buttons of an answer that still mean something under the form's next question. */
function carriedOver(item: { action?: { type?: string; data?: string } }): boolean {
  const data = item.action?.type === "postback" ? (item.action.data ?? "") : "";
  const action = parsePostback(data).action;
  return (
    action === "faq" || action === "faq.none" || action.startsWith("inquiry.") || action === "callcentre"
  );
}

/**
 * Under the form's question, 「はい、それです」 beside 協／契 would read as an answer to the form: the
 * entry's button says which entry it shows, and 「いいえ、ちがいます」 is left out (ヘルプ and the form remain).
 */
function underForm(item: messagingApi.QuickReplyItem): messagingApi.QuickReplyItem[] {
  const action = item.action;
  if (action?.type !== "postback") return [item];
  const kind = parsePostback(action.data ?? "").action;
  if (kind === "faq.none") return [];
  if (kind === "faq" && action.displayText && action.label !== action.displayText)
    return [{ ...item, action: { ...action, label: Array.from(action.displayText).slice(0, 20).join("") } }];
  return [item];
}

export function createEngine(parts: EngineParts): Engine {
  const { menu } = parts;
  const understand = createInterpreter(parts.understanding);
  const menuChoices: Choice[] = menu.menu.map((m) => ({ label: m.label, data: postbackData(m.action) }));
  const menuButton: Choice = { label: menu.menuLabel, data: postbackData("menu") };
  const askPersonButton: Choice = { label: menu.inquiry.askLabel, data: postbackData("inquiry.start") };
  // Trigger words folded once, not on every message.
  // Katakana compares as hiragana (「めにゅー」 is メニュー).
  const triggerKeys = new Map(
    (Object.keys(menu.triggers) as Trigger[]).map((t) => [
      t,
      new Set([...foldedSet(menu.triggers[t])].map(toHiragana)),
    ]),
  );
  /** A request inside a sentence (all words of one group present), for a message short enough. */
  const requestOf = <K extends keyof MenuContent["requests"]>(raw: string, kinds: readonly K[]): K | null => {
    if (raw.length > menu.requestMaxLength) return null;
    const t = menu.requestMasks.reduce((left, w) => left.split(w).join("・"), raw.normalize("NFKC"));
    return kinds.find((k) => menu.requests[k].some((group) => group.every((w) => t.includes(w)))) ?? null;
  };
  /** Nothing but a request's own words (「とうろくしたい」「登録お願いします」): no question to answer instead. */
  const onlyRequest = (raw: string, kind: keyof MenuContent["requests"]): boolean => {
    const t = normalizeCommand(raw);
    return menu.requests[kind].some((group) => {
      if (!group.every((w) => t.includes(normalizeCommand(w)))) return false;
      const rest = group.reduce((left, w) => left.split(normalizeCommand(w)).join(""), t);
      return rest.replace(/[をはがもにのでですますねよ]/gu, "").length <= 2;
    });
  };
  const triggerOf = (raw: string): Trigger | null => {
    const command = toHiragana(normalizeCommand(raw));
    if (command.length === 0) return null;
    for (const [t, words] of triggerKeys) if (words.has(command)) return t;
    return null;
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
    // A question for a person being written keeps the last word (its buttons must stay last).
    if (!flow || result.state.flow !== state.flow || result.state.inquiry) return result;
    // LINE shows buttons only under the last bubble: the answer's own way on (「もしかして」's entries,
    // 担当者に聞く, the call centre, related entries) moves to the form's question, before its choices.
    const carried = (result.replies.at(-1)?.quickReply?.items ?? []).filter(carriedOver).flatMap(underForm);
    const resumed = (flow.resumeAfterAside ?? flow.resume)(ctx, result.state);
    return { ...result, replies: settleReplies([...result.replies, ...itemsFirst(resumed, carried)]) };
  };

  /** `items` first under the last bubble (the form's question), before its own buttons. */
  const itemsFirst = (replies: LineMessage[], items: messagingApi.QuickReplyItem[]): LineMessage[] => {
    const prompt = replies.at(-1);
    if (!prompt || items.length === 0) return replies;
    const merged = [...items, ...(prompt.quickReply?.items ?? [])].slice(0, MAX_QUICK_REPLIES);
    return [...replies.slice(0, -1), { ...prompt, quickReply: { items: merged } }];
  };

  const desk: InquiryDesk = createInquiry(menu, {
    menuChoices,
    isSocial: (t) => understand.social(t) !== null,
  });

  function onPostback(ctx: FlowContext, current: ConversationState, data: string): StepResult {
    const { action, params } = parsePostback(data);
    // The question a person may be asked about lives for one turn only: the 「担当者に聞く」 offer.
    const keepsQuestion = action.startsWith("inquiry.") || action === "faq.none";
    const state = keepsQuestion ? current : forgetQuestion(current);
    if (action === "menu") return showMenu(state);
    if (action === "flow.resume") {
      const active = flowOf(state);
      return active ? reply(state, active.resume(ctx, state)) : showMenu(state);
    }
    if (action === "reg.start")
      return parts.flows.registration.start(ctx, { ...INITIAL_STATE, answers: state.answers });
    if (action.startsWith("reg.")) {
      const result = parts.flows.registration.step(ctx, state, { kind: "postback", data });
      // An old form button during the eligibility check: said so, then the check's question again.
      return state.flow === "eligibility" ? thenResume(ctx, state, result) : result;
    }
    if (action === "elig.start")
      return parts.flows.eligibility.start(ctx, { ...state, flow: "eligibility", inquiry: undefined });
    if (action.startsWith("elig"))
      return parts.flows.eligibility.step(ctx, state, { kind: "postback", data });
    if (action.startsWith("journey."))
      return parts.journey.handle(ctx, state, { kind: "postback", data }) ?? showMenu(state);
    if (action === "faq.top") return faqTop(state);
    if (action === "faq") {
      const entry = ctx.faq.byId(params.id ?? "");
      if (!entry) return showMenu(state);
      const shown: FaqResult = { kind: "confident", entry, score: 1 };
      return reply(state, withAside(ctx, shown, parts.faqReplies(shown, answerChoices(ctx, state), ctx.now)));
    }
    if (action === "faq.none") return offerPerson(ctx, state);
    if (action === "callcentre") return reply(state, parts.callCentreReplies());
    if (action.startsWith("inquiry."))
      return action === "inquiry.create"
        ? handedOver(state, desk.postback(state, action, ctx.now))
        : desk.postback(state, action, ctx.now);
    if (action === "reminders.on" || action === "reminders.off")
      return remindersSwitch(state, action === "reminders.off");
    if (action === "erase") return confirmErase(state);
    if (action === "erase.yes")
      return reply({ ...INITIAL_STATE }, [text(menu.erase.done)], [{ type: "eraseMember" }]);
    if (action === "erase.no") return reply(state, [text(menu.erase.kept, menuChoices)]);
    return reply(state, [text(menu.unknownPostback, menuChoices)]);
  }

  const faqTop = (state: ConversationState) =>
    reply(state, [
      text(
        menu.faqPrompt,
        menu.faqExamples.map((q) => ({ label: q, text: q })),
      ),
    ]);

  /** 「よくある質問」 mid-form: the examples first under the form's question (LINE shows one row of buttons). */
  const faqInForm = (ctx: FlowContext, state: ConversationState, flow: Flow): StepResult => {
    const resumed = flow.resume(ctx, state);
    if (resumed.length === 0) return faqTop(state);
    const examples = faqTop(state).replies[0]?.quickReply?.items ?? [];
    return reply(state, [text(menu.faqPromptInForm), ...itemsFirst(resumed, examples)]);
  };

  const forgetQuestion = (state: ConversationState): ConversationState => {
    if (!state.scratch?.lastQuestion) return state;
    const { lastQuestion: _q, ...rest } = state.scratch;
    return { ...state, scratch: Object.keys(rest).length > 0 ? rest : undefined };
  };

  /** 「通知を止めたい」: the journey's reminders and nudges off (or on again), said with the way back. */
  const remindersSwitch = (state: ConversationState, off: boolean): StepResult => {
    const again: Choice = off
      ? { label: menu.reminders.onLabel, data: postbackData("reminders.on") }
      : { label: menu.reminders.offLabel, data: postbackData("reminders.off") };
    return reply(
      state,
      [text(off ? menu.reminders.off : menu.reminders.on, [again, menuButton])],
      [{ type: "setRemindersOff", off }],
    );
  };

  const confirmErase = (state: ConversationState) =>
    reply(state, [
      text(menu.erase.confirm, [
        { label: menu.erase.yes, data: postbackData("erase.yes") },
        { label: menu.erase.no, data: postbackData("erase.no") },
      ]),
    ]);

  /** 「いいえ、ちがいます」 under 「…のことでしょうか」: a person offered, and the member's own next steps. */
  const offerPerson = (ctx: FlowContext, state: ConversationState) =>
    reply(state, parts.faqReplies({ kind: "none" }, answerChoices(ctx, state)));

  /**
   * An answer as this member sees it: 「登録をはじめる」 under it only before the form is done (after
   * 「これで導入完了です」, 「受領委任止められることはないですよね」 needs no button to start again).
   */
  const forMember = (ctx: FlowContext, result: FaqResult): FaqResult => {
    const step = ctx.member.journeyStep;
    const formDone = step !== null && JOURNEY_STEPS.indexOf(step) >= JOURNEY_STEPS.indexOf("linkSent");
    if (!formDone || result.kind !== "confident" || !result.entry.choices) return result;
    const choices = result.entry.choices.filter((c) => c.action !== "reg.start");
    return { ...result, entry: { ...result.entry, choices } };
  };

  /**
   * An answer with the member's own standing after it (the deadline entries: 「間に合う？」 asked by
   * someone halfway), in a bubble of its own that takes the answer's buttons (LINE shows them on the last).
   */
  const withAside = (ctx: FlowContext, result: FaqResult, replies: LineMessage[]): LineMessage[] => {
    const line = result.kind === "confident" ? parts.journey.aside?.(ctx, result.entry.id) : null;
    const last = replies.at(-1);
    if (!line || !last || last.type !== "text" || replies.length >= 5) return replies;
    const { quickReply, ...source } = last;
    return [
      ...replies.slice(0, -1),
      source,
      { type: "text", text: line, ...(quickReply ? { quickReply } : {}) },
    ];
  };

  /** Under an answer: the member's next journey step and the menu, so an answer is never a dead end. */
  const answerChoices = (ctx: FlowContext, state: ConversationState): Choice[] =>
    state.flow === "idle" ? [...(parts.journey.choices?.(ctx) ?? []), menuButton] : [];

  /** A command or menu word typed anywhere; mid-form it is served and the form's question comes again. */
  function onTrigger(ctx: FlowContext, state: ConversationState, trigger: Trigger, raw: string): StepResult {
    const flow = flowOf(state);
    switch (trigger) {
      case "erase":
        return confirmErase(state);
      case "menu":
        if (!flow) return showMenu(state);
        return reply(state, [
          text(menu.menuPrompt, [
            { label: menu.resumeLabel, data: postbackData("flow.resume") },
            ...menuChoices,
          ]),
        ]);
      case "progress":
        return thenResume(ctx, state, onPostback(ctx, state, postbackData("journey.progress")));
      // Nobody is called 「登録」: mid-form, the words that start something start it (「登録」 again
      // offers 続きから／最初から; the answers given so far are kept either way).
      case "registration":
        return onPostback(ctx, state, postbackData("reg.start"));
      case "sheet":
        // The copy sheet again once the form is complete; mid-form or before, the form itself.
        return flow
          ? reply(state, flow.resume(ctx, state))
          : onPostback(ctx, state, postbackData("reg.sheet"));
      case "correction":
        // After the copy sheet: the confirmation card again; mid-form the form knows which field.
        return flow
          ? flow.step(ctx, state, { kind: "text", text: raw })
          : onPostback(ctx, state, postbackData("reg.start"));
      case "eligibility":
        return onPostback(ctx, state, postbackData("elig.start"));
      case "callCentre":
        return thenResume(ctx, state, reply(state, parts.callCentreReplies()));
      case "inquiry":
        return thenResume(ctx, state, handedOver(state, desk.start(state, raw)));
      case "faq":
        return flow ? faqInForm(ctx, state, flow) : faqTop(state);
      case "resume":
        if (flow?.claims(ctx, state, raw)) return flow.step(ctx, state, { kind: "text", text: raw });
        return flow
          ? reply(state, flow.resume(ctx, state))
          : onPostback(ctx, state, postbackData("reg.continue"));
      case "noneOfThese":
        return thenResume(ctx, state, offerPerson(ctx, state));
    }
  }

  /** Small talk: a short human reply, then the menu (or the form's question again). */
  /** The greeting to return: the member's own (「おはよう」→「おはようございます」), else the hour's. */
  function greetingFor(raw: string, now: Date): string {
    const g = parts.understanding.greetings;
    const typed = raw.normalize("NFKC");
    const own = g.mirror.find(([word]) => typed.includes(word));
    if (own) return own[1];
    const hour = Math.floor(jstMinutes(now) / 60);
    return hour >= 4 && hour < 10 ? g.morning : hour >= 18 || hour < 4 ? g.evening : g.day;
  }

  function onSocial(
    ctx: FlowContext,
    state: ConversationState,
    kind: keyof Understanding["social"],
    raw = "",
  ) {
    const template = parts.understanding.social[kind];
    const greeting = greetingFor(raw, ctx.now);
    const words = {
      idle: template.idle.replace("{greeting}", greeting),
      inForm: template.inForm.replace("{greeting}", greeting),
    };
    const flow = flowOf(state);
    const continueButton: Choice = { label: menu.resumeLabel, data: postbackData("reg.continue") };
    // Asked who answers, or out of patience (「😡」「もういいです」): the way to a person comes first.
    const personFirst = kind === "whoAreYou" || kind === "frustrated";
    if (!flow) {
      // A form left half-filled (「あとで」 yesterday): 「入力を続ける」 comes first.
      const paused = parts.flows.registration.paused?.(state) ?? false;
      const choices = paused ? [continueButton, ...menuChoices] : menuChoices;
      // quickReply keeps the first of two buttons with one label: the menu's own 担当者に聞く drops out.
      return reply(state, [text(words.idle, personFirst ? [askPersonButton, ...choices] : choices)]);
    }
    // 「あとで」 mid-form: keep the answers, leave the form; 「入力を続ける」 or 「登録」 goes on later.
    if (kind === "later" || kind === "goodbye")
      return reply({ flow: "idle", answers: state.answers }, [
        text(words.inForm, [continueButton, menuButton]),
      ]);
    if (kind === "wait")
      return reply(state, [
        text(words.inForm, [{ label: menu.resumeLabel, data: postbackData("flow.resume") }]),
      ]);
    const needsHelp = kind === "dontKnow" || kind === "help" || personFirst;
    const help = needsHelp ? (flow.help?.(ctx, state) ?? []) : [];
    const resumed = settleReplies([text(words.inForm), ...help, ...flow.resume(ctx, state)]);
    return reply(state, needsHelp ? withChoices(resumed, [askPersonButton]) : resumed);
  }

  /** 「まだ？」「返事は？」「でんわまだこないんだけど」 after a question was sent to staff: where it stands. */
  function inquiryStatus(ctx: FlowContext, state: ConversationState, raw: string): StepResult | null {
    const sentAt = inquirySentAt(state);
    // 「カードリーダーはまだ買ってないんだけど」 is a question of its own, not 「まだ？」.
    const t = raw.normalize("NFKC").trim();
    const about =
      requestOf(raw, ["inquiryStatus"]) &&
      (ONLY_NOT_YET.test(t) || menu.inquiry.aboutReply.some((w) => t.includes(w)));
    // A short 「へんじきた？」 is about the question sent, even if an FAQ entry speaks of replies.
    const short = normalizeCommand(raw).length <= SHORT_STATUS;
    if (!sentAt || !about || (!short && ctx.faq.answer(raw).kind === "confident")) return null;
    // Already answered (the staff's answer came to this chat): say so, not 「お待ちください」.
    const answeredAt = ctx.member.inquiryAnsweredAt;
    if (answeredAt && answeredAt >= sentAt)
      return reply(state, [
        text(menu.inquiry.answeredStatus.replace("{date}", formatDateTime(answeredAt)), menuChoices),
      ]);
    // Asked again: the same facts, with an apology for the wait first.
    const again = state.statusAskedFor === sentAt;
    const asked: ConversationState = { ...state, statusAskedFor: sentAt };
    return reply(asked, [
      text(
        [
          ...(again ? [menu.inquiry.sorryWait] : []),
          menu.inquiry.status
            .replace("{date}", formatDateTime(sentAt))
            .replace("{hours}", menu.inquiry.staffHours),
          // On a Saturday or Sunday (Japan time), say that the answer comes on Monday at the earliest.
          ...(weekendInJapan(ctx.now) ? [menu.inquiry.weekend] : []),
        ].join("\n"),
        menuChoices,
      ),
    ]);
  }

  /** Free text while no flow is active: the journey's typed reports, the FAQ, then a request in a sentence. */
  function onIdleText(ctx: FlowContext, state: ConversationState, raw: string): StepResult {
    // The fields pasted before the form was started (「登録おねがいします。小林 和夫、協…、…」): the
    // form starts with them, as a clerk would take the filled-in sheet.
    if (readBlock(raw)) {
      const form: ConversationState = {
        flow: "registration",
        step: "familyName",
        answers: state.answers ?? {},
      };
      return parts.flows.registration.step(ctx, form, { kind: "text", text: raw });
    }
    const journey = parts.journey.handle(ctx, state, { kind: "text", text: raw });
    if (journey) return journey;
    const status = inquiryStatus(ctx, state, raw);
    if (status) return status;
    // 「メールアドレスを院のアドレスに変えたい info@…」 after the copy sheet: the change, on the card.
    const corrected = parts.flows.registration.correctsFinished?.(ctx, state, raw);
    if (corrected) return corrected;
    // 「通知がうるさいので止めたいです」: the member's own switch, not the FAQ about LINE's settings.
    const reminders = requestOf(raw, ["remindersOn", "remindersOff"]);
    if (reminders) return remindersSwitch(state, reminders === "remindersOff");
    // 「昨日途中までやったやつ、どこまでやったっけ」 with a form left half-done: the form, where it stopped.
    if (parts.flows.registration.paused?.(state) && requestOf(raw, ["resume"]))
      return onTrigger(ctx, state, "resume", raw);
    // 「次は何をすればいいですか」: the member's own progress card, not the FAQ about it.
    if (requestOf(raw, ["progress"])) return onTrigger(ctx, state, "progress", raw);
    // 「院長に見せたいのでもう一回シートを出してください」: the copy sheet, asked in a sentence.
    if (requestOf(raw, ["sheet"])) return onTrigger(ctx, state, "sheet", raw);
    // 「さっきのもう一回いってくれる」: the last answer again.
    const last = state.scratch?.lastAnswer ? ctx.faq.byId(state.scratch.lastAnswer) : undefined;
    if (last && requestOf(raw, ["repeat"]))
      return reply(
        state,
        parts.faqReplies({ kind: "confident", entry: last, score: 1 }, answerChoices(ctx, state), ctx.now),
      );
    const request = requestOf(raw, ["erase", "resume", "inquiry", "registration"]);
    if (request) {
      // The request wins unless a real question is answered: an entry that only says how to make the
      // request (「担当者に聞く」を押して…) is not an answer to 「人に代わってください」.
      const answered = onlyRequest(raw, request) ? null : ctx.faq.answer(understand.withoutOpeners(raw));
      if (answered?.kind !== "confident" || menu.requestEntries[request].includes(answered.entry.id))
        return onTrigger(ctx, state, request, raw);
    }
    return answerQuestion(ctx, state, raw);
  }

  /**
   * Two questions in one message (「カードリーダーはどこで買うの、それと補助金はまだ出るの」): when each
   * part has its own direct answer, both are given (answer and source each, within LINE's 5 bubbles).
   */
  function answerTwo(ctx: FlowContext, state: ConversationState, question: string): StepResult | null {
    const asks = (p: string) => understand.question(p) !== null || ELLIPTIC.test(p);
    // Only parts that ask something: 「…です。登録リンクは何時間？」 is one question with context.
    const partsOf = question
      .split(TWO_QUESTIONS)
      .filter((p) => p.replace(/[\s\p{P}]/gu, "").length >= 4 && asks(p));
    if (partsOf.length !== 2) return null;
    const results = partsOf.map((p) => ctx.faq.answer(p));
    const [a, b] = results;
    if (!a || !b) return null;
    // One part answered, the other only near an entry or not at all: the answer, then that part's own
    // 「もしかして」 or "not found" (named), so half of the message is never dropped in silence.
    const oneAnswered = a.kind === "confident" ? 0 : b.kind === "confident" ? 1 : -1;
    const other = oneAnswered === -1 ? null : results[1 - oneAnswered]!;
    // The whole message's own answer, asked at most once (two checks below may need it).
    let wholeAnswer: FaqResult | undefined;
    const answerWhole = () => {
      wholeAnswer ??= ctx.faq.answer(question);
      return wholeAnswer;
    };
    // 「ポータルってどこにあるの？アドレスおしえて」: a short kana follow-up names no topic of its own; the
    // message is one question, answered whole.
    if (other && other.kind !== "confident" && FOLLOW_UP.test(partsOf[1 - oneAnswered]!.trim())) {
      const whole = answerWhole();
      const near = other.kind === "unsure" ? other.candidates[0] : other.near?.[0];
      if (whole.kind === "confident" && near?.id === whole.entry.id) return null;
    }
    if (other && other.kind !== "confident") {
      const answered = results[oneAnswered]!;
      if (answered.kind !== "confident") return null;
      // An either/or (see ALTERNATIVE): the first part's answer is the answer to both.
      if (
        oneAnswered === 0 &&
        ALTERNATIVE.test(partsOf[1]!.trim()) &&
        /(?:ですか|か)[?？]?\s*$/u.test(partsOf[0]!)
      )
        return reply(state, parts.faqReplies(answered, answerChoices(ctx, state), ctx.now), [
          { type: "enhanceAnswer", question, entryIds: [answered.entry.id] },
          { type: "recordQuestion", outcome: "direct", entryId: answered.entry.id },
        ]);
      // The other part only near the entry just answered (「マイナ保険証持ってこないとダメなの？保険証しか
      // 持ってない人はどうなる？」): one question in two sentences, answered whole, never 「お答えできません」
      // about what the answer above covers.
      const shown = other.kind === "unsure" ? other.candidates : (other.near ?? []);
      if (shown.some((e) => e.id === answered.entry.id)) return null;
      // …or near the entry the whole message is answered with (a sibling of the part answered).
      const whole = answerWhole();
      if (whole.kind === "confident" && shown.some((e) => e.id === whole.entry.id)) return null;
      const first = parts
        .faqReplies({ ...answered, related: [] }, [], ctx.now)
        .map((m) => ({ ...m, quickReply: undefined }));
      const lead = menu.secondQuestion.replace("{question}", partsOf[1 - oneAnswered]!.trim());
      const rest = parts
        .faqReplies(other, answerChoices(ctx, state), ctx.now)
        .map((m, i) => (i === 0 && m.type === "text" ? { ...m, text: `${lead}\n${m.text}` } : m));
      const asked = scrubPersonal(partsOf[1 - oneAnswered]!, Object.values(state.answers));
      return reply(state, settleReplies([...first, ...rest]), [
        { type: "recordQuestion", outcome: "direct", entryId: answered.entry.id },
        ...(other.kind === "unsure"
          ? [{ type: "recordQuestion" as const, outcome: "suggested" as const, question: asked }]
          : [
              { type: "recordUnanswered" as const, question: asked },
              { type: "recordQuestion" as const, outcome: "none" as const, question: asked },
            ]),
      ]);
    }
    if (a.kind !== "confident" || b.kind !== "confident" || a.entry.id === b.entry.id) return null;
    const extra = answerChoices(ctx, state);
    const first = parts
      .faqReplies({ ...a, related: [] }, [], ctx.now)
      .map((m) => ({ ...m, quickReply: undefined }));
    const second = parts.faqReplies({ ...b, related: [] }, extra, ctx.now);
    return reply(state, settleReplies([...first, ...second]), [
      { type: "enhanceAnswer", question, entryIds: [a.entry.id, b.entry.id] },
      { type: "recordQuestion", outcome: "direct", entryId: a.entry.id },
      { type: "recordQuestion", outcome: "direct", entryId: b.entry.id },
    ]);
  }

  function answerQuestion(ctx: FlowContext, state: ConversationState, raw: string): StepResult {
    const question = understand.withoutOpeners(raw);
    const both = answerTwo(ctx, state, question);
    if (both) return both;
    const result = forMember(ctx, ctx.faq.answer(question));
    const replies = withAside(ctx, result, parts.faqReplies(result, answerChoices(ctx, state), ctx.now));
    // Remembered: 「さっきのもう一回」 shows it again; an older unanswered question is no longer the
    // one 「担当者に聞く」 would send.
    if (result.kind === "confident")
      return reply(
        state.flow === "idle"
          ? {
              ...state,
              scratch: { ...without(state.scratch, "lastQuestion"), lastAnswer: result.entry.id },
            }
          : state,
        replies,
        [
          { type: "enhanceAnswer", question, entryIds: [result.entry.id] },
          { type: "recordQuestion", outcome: "direct", entryId: result.entry.id },
        ],
      );
    // Not remembered for 「担当者に聞く」 when nobody here could help with it (the weather).
    const forNobody = result.kind === "none" && result.outside?.contact === "nobody";
    const remembered = forNobody ? state : { ...state, scratch: { ...state.scratch, lastQuestion: raw } };
    const scrubbed = scrubPersonal(raw, Object.values(state.answers));
    // 「…のことでしょうか」: a typed 「はい」「いいえ」 next answers it (idle only; forgotten a turn later).
    const offered =
      result.kind === "unsure" && result.candidates.length === 1
        ? {
            ...remembered,
            scratch: {
              ...remembered.scratch,
              offeredEntry: result.candidates[0]!.id,
              offeredAsked: askedToken(remembered.scratch, "offeredAsked"),
            },
          }
        : remembered;
    if (result.kind === "unsure")
      return reply(offered, replies, [{ type: "recordQuestion", outcome: "suggested", question: scrubbed }]);
    return reply(remembered, replies, [
      { type: "recordUnanswered", question: scrubbed },
      { type: "recordQuestion", outcome: "none", question: scrubbed },
    ]);
  }

  /** 「担当者に聞く」 right after a question the FAQ did not answer: counted for the staff's gap list. */
  const handedOver = (state: ConversationState, result: StepResult): StepResult => {
    const last = state.scratch?.lastQuestion;
    if (!last) return result;
    const question = scrubPersonal(last, Object.values(state.answers));
    return {
      ...result,
      effects: [...result.effects, { type: "recordQuestion", outcome: "handover", question }],
    };
  };

  function onText(ctx: FlowContext, state: ConversationState, raw: string): StepResult {
    const flow = flowOf(state);
    if (raw.length > MAX_INPUT) return thenResume(ctx, state, reply(state, [text(menu.tooLong)]));
    if (parts.looksLikePassword(raw))
      return thenResume(
        ctx,
        state,
        reply(
          state,
          menu.passwordRefused.map((l) => text(l)),
        ),
      );
    const trigger = triggerOf(raw);
    // After 「担当者に聞く」 the next message is the question, wherever the member is (a command
    // word is still a command: nobody asks a person 「登録」).
    if (state.inquiry && !trigger) {
      const taken = desk.text(state, raw, understand.social(raw), ctx.now);
      if (taken) return thenResume(ctx, state, taken);
      // The desk left open after sending (「追加で…」) heard nothing for it: closed, for one turn only.
      if (state.inquiry.stage === "add" && state.inquiry.question === undefined)
        return onText(ctx, { ...state, inquiry: undefined }, raw);
    }
    // 「担当者」 again while writing keeps the draft; any other command leaves it.
    if (trigger)
      return onTrigger(ctx, trigger === "inquiry" ? state : { ...state, inquiry: undefined }, trigger, raw);
    // Mid-form too, 「まだ？」 after a question to staff asks about that question, not the form.
    // (「まだないです」 answers the form's question: mid-form only a text about the reply, or 「まだ？」 alone.)
    if (flow) {
      const status = inquiryStatus(ctx, state, raw);
      if (status) return thenResume(ctx, state, status);
    }
    if (flow?.claims(ctx, state, raw)) return flow.step(ctx, state, { kind: "text", text: raw });
    // Mid-form, 「担当の人に聞きたいんだけど」 or 「続きをお願いします」 are requests, not answers.
    const request = flow ? requestOf(raw, ["inquiry", "resume"]) : null;
    if (request) return onTrigger(ctx, state, request, raw);
    const social = understand.social(raw);
    // 「はい」「いいえ」 typed after 「…のことでしょうか」: the entry, or a person.
    // Mid-form too (the form's own yes/no questions claimed their 「はい」 above): then the form goes on.
    const offeredId = state.scratch?.offeredEntry;
    if (offeredId) {
      const entry = ctx.faq.byId(offeredId);
      const answered =
        social === "yes" && entry
          ? reply(
              state,
              parts.faqReplies({ kind: "confident", entry, score: 1 }, answerChoices(ctx, state), ctx.now),
            )
          : social === "no"
            ? offerPerson(ctx, state)
            : null;
      if (answered) return flow ? thenResume(ctx, state, answered) : answered;
    }
    // Right after a question of the journey's own (the exemption's condition), 「はい」「いいえ」 or a
    // birth date answer it, before they are read as small talk.
    if (!flow && state.scratch?.exemptCheck) {
      const answered = parts.journey.handle(ctx, state, { kind: "text", text: raw });
      if (answered) return answered;
    }
    // 「佐藤です。よろしくお願いします」「こんにちは、佐藤です」 where a name is asked: the name, with a
    // greeting around it (the greeting alone, 「お疲れ様です」, is still small talk).
    if (flow && social === "greeting" && (state.step === "familyName" || state.step === "givenName")) {
      const introduced = withoutCourtesyTail(understand.withoutOpeners(raw)).trim();
      const named = normalizeCommand(introduced).replace(INTRODUCTION, "").length > 0;
      if (named && understand.social(introduced) === null)
        return flow.step(ctx, state, { kind: "text", text: introduced });
    }
    // Mid-form, emoji or brackets alone are a (wrong) answer: the field says what it needs.
    if (social && (!flow || /\p{L}/u.test(raw))) {
      // 「ありがとう、補助金の上限は」「困ってます。メールが届かない」: the polite words wrap a question
      // the FAQ answers, and the question is what needs the reply.
      const wrapsQuestion =
        WRAPPERS.has(social) &&
        understand.onlyAround(raw) &&
        ctx.faq.answer(understand.withoutOpeners(raw)).kind === "confident";
      // 「お世話になります。受付の者ですが院長の代わりに登録をしたいです」: the polite words wrap a request.
      const wrapsRequest =
        !flow &&
        WRAPPERS.has(social) &&
        requestOf(raw, ["registration", "inquiry", "erase", "resume", "progress", "sheet"]) !== null;
      if (wrapsRequest) return onIdleText(ctx, state, raw);
      if (!wrapsQuestion) return onSocial(ctx, state, social, raw);
      if (flow) return thenResume(ctx, state, answerQuestion(ctx, state, raw));
      return onIdleText(ctx, state, raw);
    }
    if (!flow) return onIdleText(ctx, state, raw);
    // 「いやユーザー登録はもう終わってますって」 at a field: the registration is done already. The form is
    // left (its answers kept, 「登録」 goes on) and the report is taken as it would be outside it.
    const reportedStep = state.flow === "registration" ? parts.journey.reportedStep?.(raw) : null;
    if (reportedStep && JOURNEY_STEPS.indexOf(reportedStep) >= JOURNEY_STEPS.indexOf("linkSent")) {
      const reported = parts.journey.handle(
        ctx,
        { flow: "idle", answers: state.answers },
        { kind: "text", text: raw },
      );
      if (reported) return reported;
    }
    // Mid-form: a clear question is answered by the same answerer, then the form goes on; a text
    // with only a question word (「いつき接骨院」) is a question only when the FAQ has a leading answer.
    const strength = understand.question(raw);
    // 「院長の名前でいいですね。鈴木」: a remark, then the answer in a last sentence that asks nothing.
    const sentences = raw.split(/[。!！\n]+/u).filter((x) => x.trim().length > 0);
    const last = (sentences.at(-1) ?? "").trim().replace(/(です|でございます|になります)$/u, "");
    const answersLast =
      sentences.length > 1 &&
      understand.question(sentences.at(-1)!) === null &&
      Array.from(last).length <= VALUE_MAX &&
      !/\p{Script=Hiragana}/u.test(last);
    if (
      strength === "strong" ||
      (strength === "weak" && !answersLast && ctx.faq.answer(raw).kind === "confident")
    )
      return thenResume(ctx, state, answerQuestion(ctx, state, raw));
    // 「つうちしょがみつからないんだけど」: a trouble told without a question mark, which the FAQ answers
    // outright, is not an answer to the field (values are short, or hold digits or an @).
    if (
      !answersLast &&
      Array.from(raw.replace(/\s/gu, "")).length >= STATEMENT_MIN &&
      /\p{Script=Hiragana}{4,}/u.test(raw) &&
      !/[0-9０-９@＠]/u.test(raw) &&
      // 「姓じゃなくて名の方！」: "not this but that" at a field is about the field.
      !/じゃなく|ではなく/u.test(raw) &&
      ctx.faq.answer(understand.withoutOpeners(raw)).kind === "confident"
    )
      return thenResume(ctx, state, answerQuestion(ctx, state, raw));
    // An answer after 「戻りました」「お待たせしました」: the answer is what follows.
    return flow.step(ctx, state, { kind: "text", text: understand.withoutOpeners(raw) });
  }

  /** No dead ends: outside a form, a reply whose last bubble offers nothing gets the menu. */
  const withNextStep = (result: StepResult): StepResult => {
    const last = result.replies.at(-1);
    if (!last || result.state.flow !== "idle" || result.state.inquiry || last.quickReply) return result;
    return { ...result, replies: withChoices(result.replies, menuChoices) };
  };

  function step(ctx: FlowContext, state: ConversationState, input: Input): StepResult {
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
    if (input.kind === "text") return onText(ctx, state, stripInvisible(input.text));
    if (input.kind === "postback") {
      const { action } = parsePostback(input.data);
      // Flow postbacks (and restarting a flow) answer with their own prompt: no resume appended.
      const ownedByFlow =
        action.startsWith("reg.") ||
        action.startsWith("elig.") ||
        action === "elig" ||
        action === "flow.resume";
      // 「登録ボタンを押した」 tapped at the 入力内容確認 card: done on the portal, so the card is
      // confirmed (saved, as 「この内容でOK」 does) and the report recorded, not the card shown again.
      if (action === "journey.report" && state.flow === "registration" && state.step === "confirm") {
        const confirmed = onPostback(ctx, state, postbackData("reg.ok"));
        if (confirmed.state.flow === "idle") {
          const reported = onPostback(ctx, confirmed.state, input.data);
          return { ...reported, effects: [...confirmed.effects, ...reported.effects] };
        }
      }
      if (flow && !ownedByFlow) return thenResume(ctx, state, onPostback(ctx, state, input.data));
      return onPostback(ctx, state, input.data);
    }
    if (flow) return flow.step(ctx, state, input);
    if (input.kind === "nonText") return reply(state, [text(menu.nonText, menuChoices)]);
    return reply(state, []);
  }

  /**
   * A question sent to staff stays known through forms started, cancelled or finished (their steps
   * build fresh states): 「まだ？」 days later still asks after it. Erasing the member's data drops it.
   */
  const keepSentInquiry = (before: ConversationState, result: StepResult): StepResult => {
    const sentAt = inquirySentAt(before);
    if (!sentAt || result.state.inquirySentAt || result.effects.some((e) => e.type === "eraseMember"))
      return result;
    const statusAskedFor = result.state.statusAskedFor ?? before.statusAskedFor;
    return {
      ...result,
      state: { ...result.state, inquirySentAt: sentAt, ...(statusAskedFor ? { statusAskedFor } : {}) },
    };
  };

  /**
   * A one-turn question (ONE_TURN_QUESTIONS) not asked again this turn is gone once its `sideTurns`
   * (turns that left it alone: a side question) are used up; the step that asked it removes its keys
   * when it settles it.
   */
  const forgetAnswered = (before: ConversationState, result: StepResult): StepResult => {
    let scratch = result.state.scratch;
    for (const { token, keys, sideTurns } of ONE_TURN_QUESTIONS) {
      const asked = before.scratch?.[token];
      if (!asked) continue;
      const side = `${token}Side`;
      // Asked again this turn: a fresh allowance.
      if (scratch?.[token] !== asked) {
        if (scratch?.[side]) scratch = without(scratch, side);
        continue;
      }
      const used = Number(scratch?.[side] ?? 0);
      scratch =
        used < sideTurns && keys.some((k) => scratch?.[k])
          ? { ...scratch, [side]: String(used + 1) }
          : without(scratch, token, side, ...keys);
    }
    if (scratch === result.state.scratch) return result;
    const state: ConversationState = { ...result.state, scratch };
    if (!scratch || Object.keys(scratch).length === 0) delete state.scratch;
    return { ...result, state };
  };

  /** What an FAQ reply records; any other effect means something else happened this turn. */
  const FAQ_EFFECTS = new Set(["recordQuestion", "recordUnanswered", "enhanceAnswer"]);
  /**
   * 「さっきのもう一回」 means the last FAQ answer only while nothing else was shown since: a report
   * recorded, a form step or a button of another feature makes it stale.
   */
  const forgetStaleAnswer = (input: Input, result: StepResult): StepResult => {
    const scratch = result.state.scratch;
    if (!scratch?.lastAnswer) return result;
    const otherButton = input.kind === "postback" && !parsePostback(input.data).action.startsWith("faq");
    const otherEffect = result.effects.some((e) => !FAQ_EFFECTS.has(e.type));
    if (!otherButton && !otherEffect && result.state.flow === "idle") return result;
    return { ...result, state: { ...result.state, scratch: without(scratch, "lastAnswer") } };
  };

  // One event may ask the FAQ about the same text more than once (is it a question? then answer
  // it): each distinct text is looked up once per event.
  return (ctx, state, input) => {
    const result = keepSentInquiry(state, step({ ...ctx, faq: onceEach(ctx.faq) }, state, input));
    return withNextStep(forgetStaleAnswer(input, forgetAnswered(state, result)));
  };
}
