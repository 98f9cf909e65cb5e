// Reads the compose form into a composition and an audience, with Japanese error messages.
import { type Audience, AudienceSchema } from "../../broadcast/audience.js";
import {
  type Composition,
  type CompositionError,
  LINK_LABEL_MAX,
  validateComposition,
} from "../../broadcast/messages.js";
import { AFFILIATIONS } from "../../engine/types.js";
import type { StaffRole } from "../../store/staff.js";
import { NO_STEP_LABEL, STEP_LABELS } from "../format.js";

export interface ComposeInput {
  text: string;
  linkLabel: string;
  linkUri: string;
  audienceKind: string;
  step: string;
  affiliation: string;
  notReachedStep: string;
}

const ERRORS: Record<CompositionError | "audience" | "allAdminOnly", string> = {
  textEmpty: "本文を入力してください。",
  textTooLong: "本文は5,000文字以内にしてください。",
  linkLabel: `ボタンの文字は1〜${LINK_LABEL_MAX}文字で入力してください。`,
  linkUri: "リンク先は https:// で始まるURLを入力してください。",
  audience: "宛先を選んでください。",
  allAdminOnly: "全員への配信は管理者のみが行えます。宛先を絞り込んでください。",
};

export function readComposeForm(body: Record<string, unknown>): ComposeInput {
  const s = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
  return {
    text: s("text"),
    linkLabel: s("linkLabel"),
    linkUri: s("linkUri"),
    audienceKind: s("audienceKind"),
    step: s("step"),
    affiliation: s("affiliation"),
    notReachedStep: s("notReachedStep"),
  };
}

export function parseCompose(
  input: ComposeInput,
  role: StaffRole,
): { ok: true; composition: Composition; audience: Audience } | { ok: false; errors: string[] } {
  const composition = validateComposition(input);
  const audience = audienceOf(input);
  const errors = composition.ok ? [] : composition.errors.map((e) => ERRORS[e]);
  if (!audience) errors.push(ERRORS.audience);
  else if (audience.kind === "all" && role !== "admin") errors.push(ERRORS.allAdminOnly);
  if (!composition.ok || !audience || errors.length > 0) return { ok: false, errors };
  return { ok: true, composition: composition.value, audience };
}

/** A new broadcast starts aimed at those who have not applied yet (the usual reminder). */
export const EMPTY_COMPOSE: ComposeInput = {
  text: "",
  linkLabel: "",
  linkUri: "",
  audienceKind: "notReached",
  step: "none",
  affiliation: AFFILIATIONS[1],
  notReachedStep: "applied",
};

export function audienceOf(input: ComposeInput): Audience | null {
  const candidate =
    input.audienceKind === "journeyStep"
      ? { kind: "journeyStep", step: input.step }
      : input.audienceKind === "affiliation"
        ? { kind: "affiliation", affiliation: input.affiliation }
        : input.audienceKind === "notReached"
          ? { kind: "notReached", step: input.notReachedStep }
          : { kind: input.audienceKind };
  const parsed = AudienceSchema.safeParse(candidate);
  if (!parsed.success) return null;
  // A new broadcast targets only the affiliations members can choose (stored ones are read as they are).
  if (
    parsed.data.kind === "affiliation" &&
    !(AFFILIATIONS as readonly string[]).includes(parsed.data.affiliation)
  )
    return null;
  return parsed.data;
}

export const ROSTER_NOT_DONE_LABEL = "名簿の会員で、まだ導入完了していない人";

export function describeAudience(audience: Audience | null): string {
  if (!audience) return "（不明な宛先）";
  switch (audience.kind) {
    case "all":
      return "有効な友だち全員";
    case "journeyStep":
      return `進捗が「${audience.step === "none" ? NO_STEP_LABEL : STEP_LABELS[audience.step]}」の会員`;
    case "affiliation":
      return `所属機関が「${audience.affiliation}」の会員`;
    case "notReached":
      return `「${STEP_LABELS[audience.step]}」まで進んでいない会員`;
    case "rosterNotDone":
      return ROSTER_NOT_DONE_LABEL;
  }
}

/** The form values that recreate a stored broadcast (for "edit a copy"). */
export function inputOf(composition: Composition, audience: Audience | null): ComposeInput {
  return {
    text: composition.text,
    linkLabel: composition.link?.label ?? "",
    linkUri: composition.link?.uri ?? "",
    audienceKind: audience?.kind ?? "",
    step: audience?.kind === "journeyStep" ? audience.step : "",
    affiliation: audience?.kind === "affiliation" ? audience.affiliation : "",
    notReachedStep: audience?.kind === "notReached" ? audience.step : "",
  };
}
