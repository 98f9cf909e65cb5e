// The conversation engine's vocabulary: what comes in, what goes out. Pure data, no I/O, so a
// flow can be tested as a plain function and a state can live in one database row.
import type { messagingApi } from "@line/bot-sdk";

/** A LINE message object as the Messaging API takes it (text, flex, …). */
export type LineMessage = messagingApi.Message;

/**
 * The journey of a member, in order: the seed briefing's steps, then the app steps and the
 * 運用開始日 (DESIGN §2, §6). Only "started" (運用開始日 entered) counts as 導入完了.
 */
export const JOURNEY_STEPS = [
  "device", // 1 機器
  "portal", // 2 ポータル
  "registering", // 3 ユーザー登録 (form being prepared / filled)
  "linkSent", // 3 登録ボタンを押した: mail with the 24-hour link is on its way
  "registered", // 3b 登録完了
  "applied", // 4 利用開始申請
  "approved", // 4b 申請の承認
  "appAccount", // 5a アプリのアカウント (各種申請 > 資格確認アカウント管理)
  "deviceRegistered", // 5b 端末の登録
  "appInstalled", // 5c マイナ資格確認アプリ
  "started", // 6 運用開始日の登録 = 導入完了
] as const;
export type JourneyStep = (typeof JOURNEY_STEPS)[number];

/** The step that means 「導入完了」. */
export const FINAL_STEP: JourneyStep = "started";

/** Why a member is exempt from the mandatory introduction (事務連絡 2024-11-06), as they told us. */
export const EXEMPTION_REASONS = ["age70", "closing", "stopReceipt", "visualImpairment"] as const;
export type ExemptionReason = (typeof EXEMPTION_REASONS)[number];

export const AFFILIATIONS = [
  "健診実施機関等",
  "施術所（柔道整復）",
  "施術所（あん摩マッサージ指圧・はり・きゅう）",
] as const;
export type Affiliation = (typeof AFFILIATIONS)[number];

/** What the member typed into the registration form so far (portal order). */
export interface RegistrationAnswers {
  familyName?: string; // 姓
  givenName?: string; // 名
  affiliation?: Affiliation; // 所属機関選択
  agreementKind?: "協" | "契"; // ① 入力項目
  registrationDigits?: string; // ② 入力項目: 9 digits
  clinicName?: string; // 施術所名
  phoneNumber?: string; // 電話番号: half-width digits
  email?: string; // メールアドレス
}

/** Serializable per-member conversation state (one row, versioned). */
export interface ConversationState {
  /** Which flow the member is in; "idle" means free chat / FAQ. */
  flow: "idle" | "registration" | "eligibility";
  /** Step id inside the flow (e.g. a field name, "confirm", "cancelConfirm"). */
  step?: string;
  answers: RegistrationAnswers;
  /** Small scratch values a flow needs between two messages (e.g. the lower-cased mail offered). */
  scratch?: Record<string, string>;
  /** Field being corrected from the confirmation card: after it, go back to "confirm". */
  editing?: boolean;
  /** Further fields to correct after this one (「所属機関と施術所名を直したい」), then the card. */
  editQueue?: string[];
  /** A question for a person being written: asked for, shown to confirm, or being added to. */
  inquiry?: { stage: "ask" | "confirm" | "add"; question?: string };
  /**
   * When the last question was sent to staff: 「まだ？」 asks after it, in a form or not (outside
   * `scratch`, which each form step replaces). `statusAskedFor`: the sending 「まだ？」 was asked about.
   */
  inquirySentAt?: string;
  statusAskedFor?: string;
}

/** When the member's last question went to staff (states saved before it moved out of scratch too). */
export const inquirySentAt = (state: ConversationState): string | undefined =>
  state.inquirySentAt ?? state.scratch?.inquirySentAt;

/** Scratch without some keys (e.g. `returnTo` once the question is answered). */
export function without(
  scratch: Record<string, string> | undefined,
  ...keys: string[]
): Record<string, string> {
  const rest = { ...scratch };
  for (const key of keys) delete rest[key];
  return rest;
}

/**
 * Questions whose answer may be typed in the member's next message only (the exemption's condition,
 * 「…のことでしょうか」): their scratch values and a token renewed each time the question is asked. The
 * engine drops them one turn later unless the step asked again.
 */
export const ONE_TURN_QUESTIONS = [
  // The exemption's condition stays open through one side question (「おかねはいくらかかるの」).
  { token: "exemptAsked", keys: ["exemptCheck", "exemptOver"], sideTurns: 1 },
  { token: "offeredAsked", keys: ["offeredEntry"], sideTurns: 0 },
] as const;

/** A fresh token for a one-turn question asked (again) now. */
export const askedToken = (scratch: Record<string, string> | undefined, token: string): string =>
  String(Number(scratch?.[token] ?? 0) + 1);

export const INITIAL_STATE: ConversationState = { flow: "idle", answers: {} };

/** What the member did, already stripped of transport details. */
export type Input =
  | { kind: "text"; text: string }
  | { kind: "postback"; data: string }
  | { kind: "follow"; isUnblocked: boolean }
  | { kind: "unfollow" }
  | { kind: "nonText"; messageType: string }
  /** The runner's answer to a `lookupRoster` effect. */
  | { kind: "rosterResult"; registrationNumber: string; clinicName: string | null };

/** What the engine knows about the member besides the conversation (read-only). */
export interface MemberView {
  userId: string;
  journeyStep: JourneyStep | null;
  /** ISO timestamps of the journey steps reached, for the progress card. */
  journeyAt: Partial<Record<JourneyStep, string>>;
  /** Set when the member told us they are exempt (対象外（届出）): no reminders, no nudges. */
  exemption?: ExemptionReason | null;
  /** When staff last answered one of the member's questions (「返事まだ？」 after it is answered). */
  inquiryAnsweredAt?: string | null;
}

/** Side effects the engine asks for; the runner performs them (database writes in one batch). */
export type Effect =
  /** `at`: when the member said it happened, if earlier than now (ISO). */
  | { type: "advanceJourney"; step: JourneyStep; at?: string }
  /** 対象外（届出）: record the reason (null withdraws it). */
  | { type: "setExemption"; reason: ExemptionReason | null }
  | { type: "scheduleReminder"; kind: string; dueAt: string }
  | { type: "cancelReminders"; kinds: string[] }
  /** 「通知を止めたい」: no more journey reminders or nudges (staff notices still come); false turns them on. */
  | { type: "setRemindersOff"; off: boolean }
  | { type: "saveRegistration"; answers: RegistrationAnswers }
  | { type: "lookupRoster"; registrationNumber: string }
  | { type: "createInquiry"; question: string }
  | { type: "recordUnanswered"; question: string }
  /**
   * How a question was answered, for the staff's answer-quality figures and gap list: directly (the
   * entry), with 「もしかして」, not at all, or handed to a person after the answer (「担当者に聞く」).
   * `question` (scrubbed) only when it was not answered directly.
   */
  | {
      type: "recordQuestion";
      outcome: "direct" | "suggested" | "none" | "handover";
      entryId?: string;
      question?: string;
    }
  | { type: "eraseMember" }
  | { type: "markInactive" }
  /** Followed or unblocked the account. */
  | { type: "markActive" }
  /** Optional LLM phrasing of an offline answer; `replies` is the offline fallback already in the result. */
  | { type: "enhanceAnswer"; question: string; entryIds: string[] };

export interface StepResult {
  state: ConversationState;
  replies: LineMessage[];
  effects: Effect[];
}

/** Everything a flow may read: time and knowledge, no I/O. */
export interface EngineContext {
  now: Date;
  member: MemberView;
}
