// The journey feature: the progress card, reports of a step (buttons or clear typed words), help
// when the portal's mail does not come, and 「やり直す」 once its link expired. Pure: the reminders
// and the journey rows are effects the runner commits with the step.
import { journeyCopy } from "../../../flows/journey.js";
import type { FlowContext } from "../flow.js";
import { type Choice, parsePostback, postbackData, text } from "../messages.js";
import type { Feature } from "../router.js";
import {
  askedToken,
  type ConversationState,
  type Effect,
  EXEMPTION_REASONS,
  type ExemptionReason,
  type Input,
  JOURNEY_STEPS,
  type JourneyStep,
  type LineMessage,
  type StepResult,
  without,
} from "../types.js";
import { normalizeCommand } from "../understand/normalize.js";
import { youngestInApril2024 } from "./age.js";
import { linkDeadline, progressCard } from "./card.js";
import { buttonChoices, nextChoices, reportChoice } from "./choices.js";
import { createMatcher, type TypedReport } from "./match.js";
import type { JourneyCopy } from "./schema.js";
import {
  addHours,
  currentStep,
  fill,
  formatDate,
  formatDateTime,
  isJourneyStep,
  LINK_REMINDERS,
  nudgeKind,
  REMINDER_RULES,
  reminderDueAt,
  reportEffects,
  stepIndex,
} from "./steps.js";
import { isPlausibleSaidAt, saidAt } from "./when.js";

export { nudgeMessages, reminderMessages } from "./choices.js";
export {
  isReminderKind,
  isReminderObsolete,
  isReminderTooLate,
  type NudgeKind,
  nudgeKind,
  nudgeStep,
} from "./steps.js";

function isExemptionReason(value: string | undefined): value is ExemptionReason {
  return (EXEMPTION_REASONS as readonly string[]).includes(value ?? "");
}

export { journeyCopy };

/** The report buttons under a question, carrying the day the member said (「11月10日ごろ」). */
function withSaidAt(choices: Choice[], said: Date | null): Choice[] {
  if (!said) return choices;
  return choices.map((c) => {
    if (!("data" in c)) return c;
    const { action, params } = parsePostback(c.data);
    return action === "journey.report"
      ? { ...c, data: postbackData(action, { ...params, at: said.toISOString() }) }
      : c;
  });
}

/** A day carried by a button: only one that could be right (see isPlausibleSaidAt). */
function saidParam(at: string | undefined, now: Date): Date | null {
  const said = at ? new Date(at) : null;
  return said && !Number.isNaN(said.getTime()) && isPlausibleSaidAt(said, now) ? said : null;
}

/** Scratch: the exemption's condition asked (see exemptCheck), without its token. */
const CHECK_KEYS = ["exemptCheck", "exemptOver"];

/** Scratch: when 「メールが来ない」 was said (ISO), so a bare 「きました」 after it is the mail. */
const MAIL_MISSING_AT = "mailMissingAt";

/** Whether a typed text (NFKC) holds one of the listed words. */
const saysAny = (typed: string, words: readonly string[]) =>
  words.some((w) => typed.includes(w.normalize("NFKC")));

/** 「ひとりではなくて」「一人じゃない」「もう一人（は45歳）」: someone else works there too. */
const NOT_ALONE =
  /(?:ひとり|一人|1人|私だけ|わたしだけ|自分だけ)(?:で|じゃ)?(?:は|わ)?(?:なく|ない|ありません|ございません)|もう(?:ひとり|一人|1人)|(?:ひとり|一人|1人)(?:じゃ|では)/u;

export function createJourneyFeature(copy: JourneyCopy): Feature {
  const match = createMatcher(copy);
  const done = (state: ConversationState, replies: LineMessage[], effects: Effect[] = []): StepResult => ({
    state,
    replies,
    effects,
  });

  /** `said`: when the member said it happened (「11月10日ごろ…」), if before now. */
  /** The 24-hour link is over: when it ended, and what to do now (やり直す, a person). */
  const linkExpiredReplies = (deadline: Date): LineMessage[] => [
    text(fill(copy.card.linkExpired, { deadline: formatDateTime(deadline) })),
    text(copy.reminders.linkExpired.messages.at(-1)!, nextChoices(copy, "registered", true)),
  ];

  function report(
    ctx: FlowContext,
    state: ConversationState,
    step: JourneyStep,
    said?: Date | null,
  ): StepResult {
    if (stepIndex(step) <= stepIndex(ctx.member.journeyStep)) return done(state, alreadyRecorded(ctx, step));
    const { now } = ctx;
    const at = said && said < now ? said : now;
    const on = at < now ? `\n${fill(copy.replies.recordedOn, { date: formatDate(at) })}` : "";
    const doneLine = copy.steps[step].done + on;
    const first = text(doneLine);
    const next = currentStep(step);
    let replies: LineMessage[];
    if (step === "linkSent") {
      const deadline = addHours(at, copy.linkValidHours);
      replies =
        deadline > now
          ? [
              first,
              text(
                fill(copy.replies.linkDeadline, { deadline: formatDateTime(deadline) }),
                nextChoices(copy, next),
              ),
            ]
          : [first, ...linkExpiredReplies(deadline)];
    } else if (next === null) {
      replies = [text(doneLine, nextChoices(copy, null))];
    } else {
      let follow = fill(copy.replies.nextIs, { title: copy.steps[next].title, todo: copy.steps[next].todo });
      if (step === "registered") {
        const due = reminderDueAt(copy, "applyStart", at);
        follow += `\n${
          due > now
            ? fill(copy.replies.registeredFollowUp, { date: formatDate(due) })
            : fill(copy.replies.registeredWaitOver, { date: formatDate(at) })
        }`;
      }
      replies = [first, text(follow, nextChoices(copy, next))];
    }
    return done(state, replies, reportEffects(copy, step, at, now));
  }

  /** Idempotent re-report: nothing recorded twice, the member is told where they stand. */
  function alreadyRecorded(ctx: FlowContext, step: JourneyStep): LineMessage[] {
    const { member, now } = ctx;
    const at = member.journeyAt[step];
    const values = { report: copy.steps[step].report, date: at ? formatDate(at) : "" };
    let line = fill(at ? copy.replies.alreadyRecorded : copy.replies.alreadyRecordedNoDate, values);
    if (member.journeyStep && member.journeyStep !== step)
      line += fill(copy.replies.alreadyPast, { title: copy.steps[member.journeyStep].title });
    const current = currentStep(member.journeyStep);
    if (current === null) return [text(line), text(copy.card.allDone, nextChoices(copy, null))];
    let next = fill(copy.replies.nextIs, {
      title: copy.steps[current].title,
      todo: copy.steps[current].todo,
    });
    const deadline = linkDeadline(copy, member, now);
    const expired = deadline !== null && now >= deadline;
    if (deadline)
      next += `\n${fill(expired ? copy.card.linkExpired : copy.card.linkDeadline, { deadline: formatDateTime(deadline) })}`;
    return [text(line), text(next, nextChoices(copy, current, expired))];
  }

  function mailArrived(ctx: FlowContext, current: ConversationState): StepResult {
    const state: ConversationState = { ...current, scratch: without(current.scratch, MAIL_MISSING_AT) };
    const reached = stepIndex(ctx.member.journeyStep);
    if (reached > stepIndex("linkSent")) return done(state, alreadyRecorded(ctx, "registered"));
    const waiting = reached === stepIndex("linkSent");
    const deadline = waiting
      ? linkDeadline(copy, ctx.member, ctx.now)!
      : addHours(ctx.now, copy.linkValidHours);
    const effects = waiting ? [] : reportEffects(copy, "linkSent", ctx.now);
    if (ctx.now >= deadline) return done(state, linkExpiredReplies(deadline));
    const lines = copy.replies.mailArrived.map((l) => fill(l, { deadline: formatDateTime(deadline) }));
    const choices = [reportChoice(copy, "registered"), buttonChoices(copy).mailMissing];
    return done(
      state,
      lines.map((l, i) => (i === lines.length - 1 ? text(l, choices) : text(l))),
      effects,
    );
  }

  /** The checks for a mail that does not come; the time is kept, so 「今度はきました！」 next is the mail. */
  function mailMissing(ctx: FlowContext, current: ConversationState): StepResult {
    const state = { ...current, scratch: { ...current.scratch, [MAIL_MISSING_AT]: ctx.now.toISOString() } };
    const email = state.answers.email;
    const address = email ? fill(copy.replies.mailMissingAddress, { email }) : "";
    const lines = copy.replies.mailMissing.map((l) => fill(l, { address }));
    const b = buttonChoices(copy);
    const choices = [b.mailArrived, b.askPerson, b.progress];
    return done(
      state,
      lines.map((l, i) => (i === lines.length - 1 ? text(l, choices) : text(l))),
    );
  }

  /**
   * 「今度はきました！」「ありました」 with nothing named: the mail, from a member waiting for it (the
   * portal's form being filled in or the button pressed, or 「メールが来ない」 said within the link's 24
   * hours); from anyone else it is not a report.
   */
  function waitingForMail(ctx: FlowContext, state: ConversationState): boolean {
    const step = ctx.member.journeyStep;
    if (step === "registering" || step === "linkSent") return true;
    if (step !== null && stepIndex(step) > stepIndex("linkSent")) return false;
    const said = Date.parse(state.scratch?.[MAIL_MISSING_AT] ?? "");
    return ctx.now.getTime() - said < copy.linkValidHours * 3_600_000;
  }

  /** Back from linkSent to registering, only once the link can no longer work. */
  function redo(ctx: FlowContext, state: ConversationState): StepResult {
    const deadline = linkDeadline(copy, ctx.member, ctx.now);
    if (!deadline)
      return done(state, [text(copy.replies.redoNothing), progressCard(copy, ctx.member, ctx.now)]);
    if (ctx.now < deadline) {
      const line = fill(copy.replies.redoTooEarly, { deadline: formatDateTime(deadline) });
      return done(state, [text(line, nextChoices(copy, "registered"))]);
    }
    const effects: Effect[] = [
      { type: "cancelReminders", kinds: LINK_REMINDERS },
      { type: "advanceJourney", step: "registering" },
    ];
    return done(state, [text(copy.replies.redone, nextChoices(copy, "linkSent"))], effects);
  }

  const reasonChoices = () => [
    ...EXEMPTION_REASONS.map((reason) => ({
      label: copy.exemption.reasons[reason].label,
      data: postbackData("journey.exempt.reason", { reason }),
    })),
    { label: copy.exemption.notApplicable, data: postbackData("journey.exempt.no") },
  ];
  const exemptNow = (ctx: FlowContext) =>
    ctx.member.exemption ? copy.exemption.reasons[ctx.member.exemption].name : null;
  const nextLine = (ctx: FlowContext) => {
    const current = currentStep(ctx.member.journeyStep);
    return current === null
      ? text(copy.card.allDone, nextChoices(copy, null))
      : text(
          fill(copy.replies.nextIs, { title: copy.steps[current].title, todo: copy.steps[current].todo }),
          nextChoices(copy, current),
        );
  };

  /** 「対象外です」: what counts, that it must be reported (through the association), then the reasons. */
  function exemptAsk(ctx: FlowContext, state: ConversationState): StepResult {
    const reason = exemptNow(ctx);
    if (reason) {
      const b = buttonChoices(copy);
      const line = fill(copy.exemption.already, { reason });
      return done(state, [
        text(`${line}\n${copy.card.exemptNote}`, [b.withdrawExemption, b.askPerson, b.menu]),
      ]);
    }
    const lines = copy.exemption.intro;
    return done(
      state,
      lines.map((l, i) => (i === lines.length - 1 ? text(l, reasonChoices()) : text(l))),
    );
  }

  /** The reason's own condition, asked before anything is recorded; the next typed message may answer it. */
  function exemptCheck(
    state: ConversationState,
    reason: ExemptionReason,
    lead: string[] = [],
    /** An age over 70 was just given: 「ひとりです」 next settles it. */
    over = false,
  ): StepResult {
    const e = copy.exemption;
    const { exemptOver: _was, ...rest } = state.scratch ?? {};
    const asked: ConversationState = {
      ...state,
      // A new token each time it is asked: the engine forgets the question one turn later.
      scratch: {
        ...rest,
        exemptCheck: reason,
        exemptAsked: askedToken(state.scratch, "exemptAsked"),
        ...(over ? { exemptOver: "1" } : {}),
      },
    };
    return done(asked, [
      ...lead.map((l) => text(l)),
      text(e.reasons[reason].check, [
        { label: e.checkYes, data: postbackData("journey.exempt.reason", { reason, sure: "1" }) },
        { label: e.checkNo, data: postbackData("journey.exempt.no") },
        { label: e.checkUnsure, data: postbackData("journey.exempt.unsure") },
      ]),
    ]);
  }

  const notApplicable = (ctx: FlowContext, state: ConversationState, lead: string[] = []) =>
    done(state, [...lead.map((l) => text(l)), text(copy.exemption.notApplicableReply), nextLine(ctx)]);
  const unsure = (state: ConversationState) =>
    done(state, [
      text(copy.exemption.unsureReply, [
        buttonChoices(copy).askPerson,
        buttonChoices(copy).progress,
        buttonChoices(copy).menu,
      ]),
    ]);

  /**
   * A typed answer to the condition just asked (「はい」「いいえ」「わからない」, or for the age a birth
   * date or an age: 「しょうわ29ねん8がつうまれです」 was 69 in April 2024). Null: not an answer to it.
   */
  function exemptAnswer(ctx: FlowContext, state: ConversationState, raw: string): StepResult | null {
    const reason = state.scratch?.exemptCheck;
    if (!isExemptionReason(reason)) return null;
    const e = copy.exemption;
    const key = normalizeCommand(raw);
    if (e.yesWords.some((w) => normalizeCommand(w) === key)) return exemptRecord(ctx, state, reason);
    if (e.noWords.some((w) => normalizeCommand(w) === key)) return notApplicable(ctx, state);
    if (e.unsureWords.some((w) => key.includes(normalizeCommand(w)))) return unsure(state);
    if (reason !== "age70") return null;
    // 「ひとりでやってます」: the only full-time practitioner; with an age over 70 given, that settles it.
    // Not 「ひとりではなくて息子が…」 or 「もう一人は45歳」, and never over a younger age in the same message.
    const typed = raw.normalize("NFKC");
    const alone = !NOT_ALONE.test(typed) && saysAny(typed, e.aloneWords);
    const then = youngestInApril2024(raw, ctx.now);
    const youngerSaid = then !== null && ("age" in then ? then.age : then.between[1]) < 70;
    if (alone && !youngerSaid && state.scratch?.exemptOver) return exemptRecord(ctx, state, reason);
    if (!then) return null;
    // Someone younger who may not be full-time (「土曜日だけ息子が…45歳」): asked, never concluded.
    if (youngerSaid && saysAny(typed, e.partTimeWords)) return exemptCheck(state, reason, [e.age.partTime]);
    const over = (age: string) =>
      alone
        ? exemptCheck(state, reason, [fill(e.age.overAlone, { age })])
        : exemptCheck(state, reason, [fill(e.age.over, { age })], true);
    if ("age" in then) {
      if (then.age < 70) return notApplicable(ctx, state, [fill(e.age.under, { age: String(then.age) })]);
      return over(String(then.age));
    }
    const [low, high] = then.between;
    if (high < 70) return notApplicable(ctx, state, [fill(e.age.under, { age: `${low}〜${high}` })]);
    if (low >= 70) return over(`${low}〜${high}`);
    return exemptCheck(state, reason, [fill(e.age.unclear, { low: String(low), high: String(high) })]);
  }

  /**
   * 「おれ62だけど たいしょうがいにはならないよね」「わたし78歳ですがそれでもやらないといけませんか」:
   * an own age and a question about being exempt, answered by the 70-year check as if it had been asked.
   */
  function ageQuestion(ctx: FlowContext, state: ConversationState, raw: string): StepResult | null {
    if (state.scratch?.exemptCheck) return null;
    const typed = raw.normalize("NFKC");
    if (!saysAny(typed, copy.exemption.askWords)) return null;
    if (!youngestInApril2024(raw, ctx.now)) return null;
    const result = exemptAnswer(ctx, { ...state, scratch: { ...state.scratch, exemptCheck: "age70" } }, raw);
    if (!result) return null;
    // Only a question asked back (with its token) keeps the check open for the next message.
    const asked = result.state.scratch?.exemptAsked !== state.scratch?.exemptAsked;
    return asked
      ? result
      : { ...result, state: { ...result.state, scratch: without(result.state.scratch, "exemptCheck") } };
  }

  /** Records 対象外（届出）: reminders and nudges stop, and staff get an inquiry to do the report with them. */
  function exemptRecord(ctx: FlowContext, state: ConversationState, reason: ExemptionReason): StepResult {
    if (ctx.member.exemption === reason) return exemptAsk(ctx, state);
    const name = copy.exemption.reasons[reason].name;
    const b = buttonChoices(copy);
    const lines = copy.exemption.recorded.map((l) => fill(l, { reason: name }));
    const kinds = [...REMINDER_RULES.map((r) => r.kind), ...JOURNEY_STEPS.map(nudgeKind)];
    return done(
      state,
      lines.map((l, i) => (i === lines.length - 1 ? text(l, [b.progress, b.menu]) : text(l))),
      [
        { type: "setExemption", reason },
        { type: "cancelReminders", kinds },
        { type: "createInquiry", question: fill(copy.exemption.inquiry, { reason: name }) },
      ],
    );
  }

  function exemptWithdraw(ctx: FlowContext, state: ConversationState): StepResult {
    const recorded = ctx.member.exemption;
    if (!recorded) return done(state, [text(copy.exemption.notExempt), nextLine(ctx)]);
    // Staff were told of the exemption to report it with the member: they are told it is off.
    const reason = isExemptionReason(recorded) ? copy.exemption.reasons[recorded].name : recorded;
    return done(
      state,
      [text(copy.exemption.withdrawn), nextLine(ctx)],
      [
        { type: "setExemption", reason: null },
        { type: "createInquiry", question: fill(copy.exemption.withdrawnInquiry, { reason }) },
      ],
    );
  }

  /** 「リンクは明日父と一緒に押します」 while the 24-hour link is open: when it expires. */
  function linkLater(ctx: FlowContext, state: ConversationState, raw: string): StepResult | null {
    const deadline = linkDeadline(copy, ctx.member, ctx.now);
    if (!deadline || ctx.now >= deadline) return null;
    const typed = raw.normalize("NFKC");
    if (!/リンク|りんく|link/iu.test(typed) || !saysAny(typed, copy.linkLaterWords)) return null;
    const line = fill(copy.replies.linkLater, { deadline: formatDateTime(deadline) });
    return done(state, [text(line, nextChoices(copy, currentStep(ctx.member.journeyStep)))]);
  }

  /** A member disputing the exemption recorded for them, in their own words. */
  function disputesExemption(ctx: FlowContext, raw: string): boolean {
    if (!ctx.member.exemption) return false;
    const typed = raw.normalize("NFKC");
    return saysAny(typed, copy.exemption.disputeWords);
  }

  function typed(
    ctx: FlowContext,
    state: ConversationState,
    found: TypedReport,
    said: Date | null,
  ): StepResult | null {
    if (found.kind === "exempt") return exemptAsk(ctx, state);
    if (found.kind === "unexempt") return exemptWithdraw(ctx, state);
    if (found.kind === "mailArrived") return mailArrived(ctx, state);
    if (found.kind === "mailMissing") return mailMissing(ctx, state);
    if (found.kind === "arrived") return waitingForMail(ctx, state) ? mailArrived(ctx, state) : null;
    const current = currentStep(ctx.member.journeyStep);
    if (found.kind === "registeredVague") {
      // 「11月10日ごろ登録しました」: the portal's registration, but pressed or completed? Asked, the date kept.
      const b = buttonChoices(copy);
      const choices = [reportChoice(copy, "registered"), reportChoice(copy, "linkSent"), b.progress];
      return done(state, [text(copy.replies.registeredWhich, withSaidAt(choices, said))]);
    }
    if (found.kind === "pressed" || found.kind === "done") {
      // 「押しました」 after 「…を押したら教えてください」: the member's own current step, if it is a button.
      if (found.kind === "pressed" && current && copy.steps[current].todo.includes("押"))
        return report(ctx, state, current, said);
      // 「できた」「おわった」: which step is not said; asked with the step buttons.
      const deadline = linkDeadline(copy, ctx.member, ctx.now);
      const choices = nextChoices(copy, current, deadline !== null && ctx.now >= deadline);
      return done(state, [text(copy.replies.pressedWhich, withSaidAt(choices, said))]);
    }
    // A typed report of a later step, skipping some (「アカウントつくりました」 from a member at the start
    // may mean the portal's account): asked before the steps between are counted as done.
    // (Up to 登録完了 a member may well have done it all before using this LINE: recorded as said.)
    if (
      current &&
      stepIndex(found.step) > stepIndex(current) &&
      stepIndex(found.step) > stepIndex("registered")
    ) {
      const b = buttonChoices(copy);
      return done(state, [
        text(
          fill(copy.replies.confirmSkip, {
            title: copy.steps[found.step].title,
            current: copy.steps[current].title,
          }),
          [
            ...withSaidAt(
              [
                { label: copy.buttons.yesRecord, data: postbackData("journey.report", { step: found.step }) },
                reportChoice(copy, current),
              ],
              said,
            ),
            b.progress,
          ],
        ),
      ]);
    }
    const result = report(ctx, state, found.step, said);
    // The device is ticked only when reported (registering does not need it): said with a later step,
    // it is recorded as well.
    const device = found.also?.includes("device") && !ctx.member.journeyAt.device;
    return device
      ? { ...result, effects: [{ type: "advanceJourney", step: "device" }, ...result.effects] }
      : result;
  }

  /** A text or a button of the journey (handle settles the exemption's condition around it). */
  function step(ctx: FlowContext, state: ConversationState, input: Input): StepResult | null {
    if (input.kind === "text") {
      if (disputesExemption(ctx, input.text)) return exemptWithdraw(ctx, state);
      const later = linkLater(ctx, state, input.text);
      if (later) return later;
      const answered = exemptAnswer(ctx, state, input.text) ?? ageQuestion(ctx, state, input.text);
      if (answered) return answered;
      const found = match(input.text);
      if (!found) return null;
      // The 運用開始日 report names the day chosen (「12月10日に登録しました」), not the day it was done.
      const calendar = !(found.kind === "report" && found.step === "started");
      return typed(ctx, state, found, saidAt(input.text, ctx.now, { calendar }));
    }
    if (input.kind !== "postback") return null;
    const { action, params } = parsePostback(input.data);
    switch (action) {
      case "journey.progress":
        return done(state, [progressCard(copy, ctx.member, ctx.now)]);
      case "journey.report":
        return isJourneyStep(params.step)
          ? report(ctx, state, params.step, saidParam(params.at, ctx.now))
          : null;
      case "journey.mail":
        return mailArrived(ctx, state);
      case "journey.nomail":
        return mailMissing(ctx, state);
      case "journey.redo":
        return redo(ctx, state);
      case "journey.exempt":
        return exemptAsk(ctx, state);
      case "journey.exempt.reason":
        if (!isExemptionReason(params.reason)) return null;
        return params.sure === "1"
          ? exemptRecord(ctx, state, params.reason)
          : exemptCheck(state, params.reason);
      case "journey.exempt.unsure":
        return unsure(state);
      case "journey.exempt.no":
        return notApplicable(ctx, state);
      case "journey.unexempt":
        return exemptWithdraw(ctx, state);
      default:
        return null;
    }
  }

  return {
    /** Under an FAQ answer: what this member can report next (nothing before the journey starts). */
    choices(ctx) {
      const reached = ctx.member.journeyStep;
      if (!reached) return [];
      const current = currentStep(reached);
      const deadline = linkDeadline(copy, ctx.member, ctx.now);
      return nextChoices(copy, current, deadline !== null && ctx.now >= deadline).filter(
        (c) => c.label !== copy.buttons.menu,
      );
    },
    aside(ctx, entryId) {
      const reached = ctx.member.journeyStep;
      if (!reached || ctx.member.exemption || !copy.standing.entries.includes(entryId)) return null;
      const current = currentStep(reached);
      if (current === null) return copy.standing.allDone;
      return fill(copy.standing.next, { done: copy.steps[reached].title, title: copy.steps[current].title });
    },
    reportedStep(text) {
      const found = match(text);
      return found?.kind === "report" ? found.step : null;
    },
    handle(ctx, state, input: Input) {
      const result = step(ctx, state, input);
      if (!result?.state.scratch?.exemptCheck) return result;
      // The journey's own turn settles the exemption's condition unless it asked it (again) or only
      // showed the card: answered, or something else done. Only a turn left to others (a side
      // question for the FAQ) may leave it open for the answer after it.
      const asked = result.state.scratch.exemptAsked !== state.scratch?.exemptAsked;
      if (asked || (input.kind === "postback" && parsePostback(input.data).action === "journey.progress"))
        return result;
      return { ...result, state: { ...result.state, scratch: without(result.state.scratch, ...CHECK_KEYS) } };
    },
  };
}

/** The journey as the seed briefing describes it, with the wording of flows/journey.ts. */
export const journeyFeature: Feature = createJourneyFeature(journeyCopy);
