// Entering the flow (fresh, or with answers from an earlier attempt) and leaving it with the copy
// sheet once the member confirms: the two places where the registration touches the journey.
import type { FlowContext } from "../flow.js";
import { postbackData, text } from "../messages.js";
import { type ConversationState, type Effect, JOURNEY_STEPS, type StepResult } from "../types.js";
import { COPY } from "./copy.js";
import { copySheetMessages } from "./copy-sheet.js";
import { toConfirm } from "./fields.js";
import { answeredCount, enter, isComplete, reply } from "./model.js";
import { resume } from "./prompts.js";

/**
 * Fresh: intro and 姓. Complete answers: the confirm card — unless the portal registration is already
 * recorded (登録ボタン pressed or later): then the sheet, and the card only if asked for (the card says
 * 「まだ登録は終わっていません」, which would alarm someone who has finished). Partial: 続きから / 最初から.
 */
export function start(ctx: FlowContext, state: ConversationState): StepResult {
  const answers = state.answers ?? {};
  const step = ctx.member.journeyStep;
  if (isComplete(answers) && step && JOURNEY_STEPS.indexOf(step) >= JOURNEY_STEPS.indexOf("linkSent"))
    return reply({ flow: "idle", answers }, [
      text(COPY.messages.alreadyRegistered, [
        { label: COPY.buttons.sheet, data: postbackData("reg.sheet") },
        { label: COPY.buttons.review, data: postbackData("reg.review") },
        { label: COPY.buttons.progress, data: postbackData("journey.progress") },
      ]),
    ]);
  return review(state);
}

/** The prepared answers again: the card when complete (to change them), else where they stopped. */
export function review(state: ConversationState): StepResult {
  const answers = state.answers ?? {};
  if (answeredCount(answers) === 0) {
    const next = enter(state, "familyName", { answers: {} });
    return reply(next, [...COPY.intro.map((line) => text(line)), ...resume(next)]);
  }
  if (isComplete(answers))
    return toConfirm(enter(state, "confirm", { answers }), [text(COPY.messages.resumeComplete)]);
  const next = enter(state, "resumeOffer", { answers });
  return reply(next, resume(next));
}

/** 「この内容でOK」: save, mark the journey, hand over the copy sheet; answers stay for 「登録」 again. */
export function finish(ctx: FlowContext, state: ConversationState): StepResult {
  const answers = state.answers;
  const effects: Effect[] = [{ type: "saveRegistration", answers }];
  const current = ctx.member.journeyStep;
  if (!current || JOURNEY_STEPS.indexOf(current) < JOURNEY_STEPS.indexOf("registering"))
    effects.push({ type: "advanceJourney", step: "registering" });
  return reply({ flow: "idle", answers }, copySheetMessages(answers), effects);
}
