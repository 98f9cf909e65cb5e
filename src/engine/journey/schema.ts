// The shape of the journey wording (flows/journey.ts), checked with zod when it loads so a missing
// step, a label LINE would cut, or a nonsensical reminder delay fails at start, not in a member's chat.
import { z } from "zod";
import { EXEMPTION_REASONS, type ExemptionReason, JOURNEY_STEPS } from "../types.js";

/** A quick-reply label: LINE cuts labels at 20 characters. */
const Label = z.string().min(1).max(20);
/** One chat bubble; `{name}` placeholders are filled by the engine. */
const Text = z.string().min(1).max(1000);
/** Typed words that clearly mean the same as a button (compared after normalization). */
const Words = z.array(z.string().min(1)).min(1);

const Step = z.object({
  /** Name of the step on the progress card. */
  title: z.string().min(1).max(24),
  /** Quick reply the member presses to report it. */
  report: Label,
  words: Words,
  /**
   * What the step is called inside a longer report (「利用開始申請までやりました」「リンク押したら登録が
   * 完了いたしましたって出ました〜」): read with a verb of having done it, never with a negation.
   */
  nouns: z.array(z.string().min(2)).default([]),
  /** What to do for this step, one or two sentences (shown while it is the next step). */
  todo: Text,
  /** Answer when the member reports it. */
  done: Text,
});

const Reminder = z.object({
  /** Delay after the step that schedules it. */
  afterHours: z
    .number()
    .positive()
    .max(24 * 60),
  messages: z.array(Text).min(1).max(4),
});

export const JourneyCopySchema = z.object({
  steps: z.object({
    device: Step,
    portal: Step,
    registering: Step,
    linkSent: Step,
    registered: Step,
    applied: Step,
    approved: Step,
    appAccount: Step,
    deviceRegistered: Step,
    appInstalled: Step,
    started: Step,
  }),
  /** The portal's registration link is valid this many hours (seed: 24). */
  linkValidHours: z.number().int().positive(),
  card: z.object({
    altText: Text,
    title: z.string().min(1),
    marks: z.object({ done: z.string().min(1), current: z.string().min(1), next: z.string().min(1) }),
    nextHeading: z.string().min(1),
    linkDeadline: z.string().min(1),
    linkExpired: z.string().min(1),
    allDone: Text,
    exempt: Text,
    exemptNote: Text,
  }),
  /** Words saying the link will be pressed later (「明日」「あとで」), with 「リンク」 in the same message. */
  linkLaterWords: Words,
  /** After the deadline entries (「間に合う？」), where this member stands; `entries`: their ids. */
  standing: z.object({ entries: Words, next: Text, allDone: Text }),
  replies: z.object({
    /** A typed report of a step ahead of the member's current one: {title} reported, {current} still to do. */
    confirmSkip: Text,
    nextIs: Text,
    linkDeadline: Text,
    registeredFollowUp: Text,
    alreadyRecorded: Text,
    alreadyRecordedNoDate: Text,
    alreadyPast: Text,
    mailArrived: z.array(Text).min(1).max(3),
    mailMissing: z.array(Text).min(1).max(3),
    mailMissingAddress: Text,
    redone: Text,
    redoTooEarly: Text,
    /** 「リンクは明日押します」 while the link is open: when it expires, so 「明日」 is not too late. */
    linkLater: Text,
    redoNothing: Text,
    /** 「押しました」 when the member's current step is not a button: which step was it? */
    pressedWhich: Text,
    /** 「登録しました」: pressed or completed? */
    registeredWhich: Text,
    /** After a step's 「…お疲れさまでした」 when the member said the day (「11月10日ごろ」). */
    recordedOn: Text,
    /** 登録完了 said with a day over 7 days ago: the wait is over, no reminder is coming. */
    registeredWaitOver: Text,
  }),
  buttons: z.object({
    progress: Label,
    menu: Label,
    mailArrived: Label,
    mailMissing: Label,
    redo: Label,
    startRegistration: Label,
    askPerson: Label,
    exempt: Label,
    withdrawExemption: Label,
    /** Confirms a typed report of a step ahead. */
    yesRecord: Label,
  }),
  words: z.object({
    mailArrived: Words,
    /** 「今度はきました！」「ありました」: something came, unnamed; the mail to a member waiting for it. */
    arrived: Words,
    /** 「院長が申請したそうです」: who else may have done a step (before 「が」); the report is the same. */
    someoneElse: Words,
    mailMissing: Words,
    /** 「押しました」 alone: the member's own current step, when it is pressing a button. */
    pressed: Words,
    registeredVague: Words,
    /** 「できた」「おわった」 alone: done, but which step is not said; asked with the step buttons. */
    done: Words,
    /**
     * A report followed by 「これで全部終わりですか？」「次は？」: the report is recorded, and its reply
     * (the next step) answers the question.
     */
    whatNext: Words,
    /** 「対象外を取り消したい」: the exemption recorded here withdrawn (as the card's button does). */
    unexempt: Words,
  }),
  exemption: z.object({
    words: Words,
    intro: z.array(Text).min(1).max(4),
    reasons: z.object(
      Object.fromEntries(
        EXEMPTION_REASONS.map((r) => [
          r,
          z.object({ label: Label, name: z.string().min(1).max(40), check: Text }),
        ]),
      ) as Record<
        ExemptionReason,
        z.ZodObject<{ label: typeof Label; name: z.ZodString; check: typeof Text }>
      >,
    ),
    /** The buttons under a reason's check question (「当てはまります」「当てはまりません」「わからない」). */
    checkYes: Label,
    checkNo: Label,
    checkUnsure: Label,
    /** 「わからない」: nothing is recorded; the association can tell. */
    unsureReply: Text,
    notApplicable: Label,
    notApplicableReply: Text,
    /** Typed answers to a check: yes and no are whole messages, 「わからない」 may be inside one. */
    yesWords: Words,
    noWords: Words,
    unsureWords: Words,
    /** 「ひとりでやってます」「私だけ」: the only full-time practitioner (settles the 70-year check with an age over 70). */
    aloneWords: Words,
    /**
     * 「土曜日だけ息子が手伝いに来てます　息子は45歳」: someone younger who may not be full-time. Not
     * counted as 常勤 without asking: the condition is asked with `age.partTime`.
     */
    partTimeWords: Words,
    /**
     * 「おれ62だけど たいしょうがいにはならないよね」: with the member's own age in the text, a question
     * about being exempt is answered by the 70-year check, as if it had been asked.
     */
    askWords: Words,
    /** A birth date or an age typed at the 70-year check: {age} in April 2024, or {low}/{high}. */
    age: z.object({ under: Text, over: Text, overAlone: Text, unclear: Text, partTime: Text }),
    recorded: z.array(Text).min(1).max(3),
    /** What staff read in the inquiry the exemption creates (they do the report with the member). */
    inquiry: Text,
    already: Text,
    withdrawn: Text,
    /** What staff read when a recorded exemption is withdrawn (they were told of it when recorded). */
    withdrawnInquiry: Text,
    /**
     * 「私は対象外ではないと思うんですが…間違って記録されたなら直してほしい」: a member disputing the
     * exemption recorded for them, in a sentence; withdrawn as 「対象外を取り消す」 would.
     */
    disputeWords: Words,
    notExempt: Text,
  }),
  nudges: z.object({
    /** Days at a step before the one nudge of that step; a step absent here is never nudged. */
    afterDays: z.partialRecord(z.enum(JOURNEY_STEPS), z.number().int().min(1).max(90)),
    messages: z.array(Text).min(1).max(3),
  }),
  reminders: z.object({
    linkExpiring: Reminder,
    linkExpired: Reminder,
    applyStart: Reminder,
    startDate: Reminder,
  }),
});

export type JourneyCopy = z.infer<typeof JourneyCopySchema>;
export type ReminderKind = keyof JourneyCopy["reminders"];
