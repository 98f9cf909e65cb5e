// A question for a person, never lost and never filed by accident: after 「担当者に聞く」 the next
// message is the question (wherever the member is); a command or a bare 「はい」 is not a question,
// so the bot asks what it is about; the member sees what will be sent, can add to it or drop it,
// and is told when staff answer. A call-back wish asks for the number first; right after sending, a
// number, a time to call or 「追加で…」 is added to the question sent. The pending question lives in the
// state (one row), not in memory.
import type { MenuContent } from "../../flows/menu.js";
import type { SocialKind } from "../../flows/understanding.js";
import { createInquiryWords, PHONE_NUMBER, PHONE_WISH } from "./inquiry-words.js";
import { formatDateTime } from "./journey/steps.js";
import { type Choice, postbackData, text } from "./messages.js";
import { type ConversationState, inquirySentAt, type StepResult } from "./types.js";
import { normalizeCommand } from "./understand/normalize.js";

export interface InquiryDesk {
  /**
   * 「担当者に聞く」: asks for the question (or shows the one just asked, to confirm). `typed`: the
   * member's own request, when it says more than "a person, please" (「電話してもらえますか」).
   */
  start(state: ConversationState, typed?: string): StepResult;
  postback(state: ConversationState, action: string, now: Date): StepResult;
  /** A typed text while an inquiry is pending, or null when the text is not for it. */
  text(state: ConversationState, raw: string, social: SocialKind | null, now: Date): StepResult | null;
}

/**
 * A typed request with at least this many characters besides the words asking for a person says
 * something of its own (「担当の人に聞きたい、補助金の書類はどこ」), not only "a person, please"
 * (「ロボットじゃなくて人に代わってもらえますか」).
 */
const OWN_REQUEST = 12;
/** The words of a call-back wish (「電話してほしい」「お電話ください」, a number): no topic in them. */
const CALL_WORDS = new RegExp(
  `(?:お?電話|でんわ)(?:番号)?(?:で|を|に)?(?:して|かけて|くれ|ください|下さい|ほしい|欲しい|もらえ|いただけ|頂け|ます|ません|ますか|ませんか|る|お願い|おねがい|します|希望|です|か|よ|ね)*|${PHONE_NUMBER}`,
  "gu",
);
/** 「ちがいます」「違う」「そうじゃない」 at the start of a reply to 「この内容でよろしいですか」. */
const NOT_THIS = /^(?:ちが|違|いいえ|いや[、,\s]|そうじゃな|そうではな)/u;

/** Longest question kept; a longer addition is refused with the reason. */
const MAX_QUESTION = 3000;
/** Social turns that are never the question itself. */
const NOT_A_QUESTION: SocialKind[] = [
  "yes",
  "no",
  "acknowledge",
  "thanks",
  "greeting",
  "apology",
  "dontKnow",
  "wait",
  "askToAsk",
  "whoAreYou",
  "bow",
  "frustrated",
];

/**
 * After a question was sent outside a form, the desk stays open as `{ stage: "add" }` with no
 * question (never a draft: those always hold one): the next messages are offered to it first, and
 * what adds to the question sent (see InquiryWords.followsUp) is passed on; anything else goes on as
 * if the desk were closed.
 */
const isOpenAfterSend = (inquiry: ConversationState["inquiry"]): boolean =>
  inquiry?.stage === "add" && inquiry.question === undefined;

export function createInquiry(
  menu: MenuContent,
  options: { menuChoices: Choice[]; isSocial?: (text: string) => boolean },
): InquiryDesk {
  const w = menu.inquiry;
  const result = (
    state: ConversationState,
    replies: StepResult["replies"],
    effects: StepResult["effects"] = [],
  ) => ({
    state,
    replies,
    effects,
  });
  // The words of every request for a person, longest first: what is left is the member's own.
  const requestWords = [...new Set(menu.requests.inquiry.flat())].sort((a, b) => b.length - a.length);
  // 「うーんよくわからん。誰か人と話せない？」: a sentence of small talk or 「わからない」 says nothing of the
  // member's own either; the bot asks what it is about.
  const ownWords = (typed: string) =>
    requestWords
      .reduce(
        (left, word) => left.split(word).join(""),
        typed
          .normalize("NFKC")
          .split(/[。．!！?？\n]+/u)
          .filter((sentence) => !options.isSocial?.(sentence))
          .join("")
          .replace(/誰か|だれか|どなたか/gu, ""),
      )
      .replace(/[\s\p{P}\p{S}]/gu, "");
  const cancelChoice: Choice = { label: w.cancelLabel, data: postbackData("inquiry.cancel") };
  const sendAsIsChoice: Choice = { label: w.sendAsIsLabel, data: postbackData("inquiry.send") };
  const confirmChoices: Choice[] = [
    { label: w.sendLabel, data: postbackData("inquiry.send") },
    { label: w.addLabel, data: postbackData("inquiry.add") },
    cancelChoice,
  ];
  const words = createInquiryWords(w);

  const clear = (state: ConversationState): ConversationState => {
    const { inquiry: _dropped, ...rest } = state;
    const scratch = rest.scratch ? { ...rest.scratch } : undefined;
    if (scratch) {
      delete scratch.lastQuestion;
      delete scratch.callBackAsked;
    }
    return { ...rest, scratch: scratch && Object.keys(scratch).length > 0 ? scratch : undefined };
  };
  const ask = (state: ConversationState, line = w.askPrompt) =>
    result({ ...state, inquiry: { stage: "ask" } }, [text(line, [cancelChoice])]);
  /** The number was asked for this draft already (it starts with what was written then). */
  const numberAsked = (state: ConversationState, question: string) => {
    const asked = state.scratch?.callBackAsked;
    return asked !== undefined && question.startsWith(asked);
  };
  const askedFor = (state: ConversationState, question: string): ConversationState => ({
    ...state,
    scratch: { ...state.scratch, callBackAsked: question },
  });
  const confirm = (state: ConversationState, draft: string) => {
    let question = draft;
    // A call back with no number: the form's number is used, or the number and a time are asked once.
    if (PHONE_WISH.test(question) && !words.hasNumber(question)) {
      const known = state.answers.phoneNumber;
      if (known) question = `${question}\n${w.knownPhone.replace("{phone}", known)}`;
      else if (!numberAsked(state, question))
        return result({ ...askedFor(state, question), inquiry: { stage: "add", question } }, [
          text(w.callBackNumber.replace("{question}", question), [sendAsIsChoice, cancelChoice]),
        ]);
    }
    return result({ ...state, inquiry: { stage: "confirm", question } }, [
      text(w.confirm.replace("{question}", question), confirmChoices),
    ]);
  };
  const alreadySent = (state: ConversationState, sentAt: string) =>
    result(state, [text(w.alreadySent.replace("{date}", formatDateTime(sentAt)), options.menuChoices)]);
  const send = (state: ConversationState, now: Date) => {
    const question = state.inquiry?.question;
    if (!question) return ask(state);
    // Remembered so that 「まだ？」「返事は？」 later are read as asking after this question; outside
    // a form the desk stays open for what adds to it (a form's own step comes next there).
    const sent = clear(state);
    const next: ConversationState = {
      ...sent,
      inquirySentAt: now.toISOString(),
      ...(state.flow === "idle" ? { inquiry: { stage: "add" as const } } : {}),
    };
    // Asked to be called (「電話で」 or a phone number in the question): say it is passed on too.
    const callBack = PHONE_WISH.test(question) ? [text(w.callBackNoted)] : [];
    return result(
      next,
      [...callBack, text(w.created.replace("{hours}", w.staffHours), options.menuChoices)],
      [{ type: "createInquiry", question }],
    );
  };
  const cancel = (state: ConversationState) => result(clear(state), [text(w.cancelled, options.menuChoices)]);
  /**
   * Right after sending: 「048-111-2222です、午前中なら出られます」「追加で…」 is passed on as an addition
   * (a new inquiry that says which one it adds to: the sent question is sealed in the store); the desk
   * stays open for more. 送る typed again says it was sent. Anything else is not for the desk.
   */
  const followUp = (state: ConversationState, raw: string, now: Date): StepResult | null => {
    const sentAt = inquirySentAt(state);
    if (!sentAt || state.flow !== "idle") return null;
    const recent = now.getTime() - new Date(sentAt).getTime() <= w.followUp.minutes * 60_000;
    if (words.typed(raw) === "send") return alreadySent(state, sentAt);
    const addition = raw.trim();
    if (!recent || !words.followsUp(addition) || Array.from(addition).length > MAX_QUESTION) return null;
    const date = formatDateTime(sentAt);
    return result(
      state,
      [text(w.followUp.noted.replace("{date}", date), options.menuChoices)],
      [{ type: "createInquiry", question: `${w.followUp.lead.replace("{date}", date)}\n${addition}` }],
    );
  };

  return {
    start(state, typed) {
      // A question already written is shown again, never dropped; a request that says something of
      // its own (「人と話したいです。電話してもらえますか」) is what is sent, not an older question.
      const own = typed && (PHONE_WISH.test(typed) || Array.from(ownWords(typed)).length >= OWN_REQUEST);
      // 「人と話せる？電話してほしい」: a call with no topic — staff could not prepare; the topic is asked,
      // and added to the wish.
      if (!state.inquiry?.question && typed && PHONE_WISH.test(typed)) {
        const topic = Array.from(ownWords(typed.normalize("NFKC").replace(CALL_WORDS, "")));
        // The topic's prompt asks for the number and a time too: they are not asked again.
        if (topic.length < OWN_REQUEST)
          return result(
            { ...askedFor(state, typed.trim()), inquiry: { stage: "add", question: typed.trim() } },
            [text(w.callBackTopic, [sendAsIsChoice, cancelChoice])],
          );
      }
      const pending = state.inquiry?.question ?? (own ? typed.trim() : state.scratch?.lastQuestion);
      return pending ? confirm(state, pending) : ask(state);
    },
    postback(state, action, now) {
      switch (action) {
        case "inquiry.start":
          return ask(state);
        case "inquiry.create": {
          // From 「担当者に聞く」 under an answer: the question just asked, shown before it is sent.
          const last = state.scratch?.lastQuestion;
          return last ? confirm(state, last) : ask(state);
        }
        case "inquiry.send":
          // In 「書き足す」 (or asked the topic of a call), 送る sends what is written so far.
          if (
            state.inquiry?.stage === "confirm" ||
            (state.inquiry?.stage === "add" && state.inquiry.question)
          )
            return send(state, now);
          // 送る tapped again on a question already sent: say so, rather than start a new one.
          if ((!state.inquiry || isOpenAfterSend(state.inquiry)) && inquirySentAt(state))
            return alreadySent(state, inquirySentAt(state)!);
          return ask(state);
        case "inquiry.add":
          return state.inquiry?.question
            ? result({ ...state, inquiry: { stage: "add", question: state.inquiry.question } }, [
                text(w.addPrompt, [cancelChoice]),
              ])
            : ask(state);
        case "inquiry.cancel":
          return cancel(state);
        default:
          return ask(state);
      }
    },
    text(state, raw, social, now) {
      const pending = state.inquiry;
      if (!pending) return null;
      if (isOpenAfterSend(pending)) return followUp(state, raw, now);
      const key = normalizeCommand(raw);
      // A button's word typed (「おくります」「それで送って」「やっぱりいいです」) does what the button does.
      const said = words.typed(raw);
      if (said === "cancel") return cancel(state);
      const draft = pending.stage === "ask" ? undefined : pending.question;
      // Nothing written yet: 「送ります」 is not the question.
      if (!draft && said) return ask(state, w.askAgain);
      if (draft && said === "send") return send(state, now);
      if (draft && said === "add") return this.postback(state, "inquiry.add", now);
      if (pending.stage === "confirm" && draft) {
        // 「ちがいます、天気じゃないです」: not this question; ask for the one meant (never append it).
        if (NOT_THIS.test(raw.trim().normalize("NFKC"))) return ask(state, w.notThis);
        if (social === "yes") return send(state, now);
        if (social === "no") return cancel(state);
      }
      // A bare 「はい」, 「ありがとう」 or two letters is not a question: ask what it is about.
      if ((social && NOT_A_QUESTION.includes(social)) || key.length < 3) {
        // What is already written is kept (a 「はい」 while adding to it does not drop it).
        if (pending.question && pending.stage !== "ask") return confirm(state, pending.question);
        return ask(state, w.askAgain);
      }
      const question =
        pending.question && pending.stage !== "ask" ? `${pending.question}\n${raw.trim()}` : raw.trim();
      if (Array.from(question).length > MAX_QUESTION)
        return result(state, [text(w.tooLong, pending.question ? confirmChoices : [cancelChoice])]);
      return confirm(state, question);
    },
  };
}
