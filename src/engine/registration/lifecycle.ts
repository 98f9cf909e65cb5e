// Entering the flow (fresh, or with answers from an earlier attempt) and leaving it with the copy
// sheet once the member confirms: the two places where the registration touches the journey.
import type { FlowContext } from "../flow.js";
import { text } from "../messages.js";
import { type ConversationState, type Effect, JOURNEY_STEPS, type StepResult } from "../types.js";
import { COPY } from "./copy.js";
import { copySheetMessages } from "./copy-sheet.js";
import { toConfirm } from "./fields.js";
import { answeredCount, enter, isComplete, reply } from "./model.js";
import { resume } from "./prompts.js";

/** Fresh: intro and 姓. Complete answers: the confirm card. Partial: 続きから / 最初から. */
export function start(_ctx: FlowContext, state: ConversationState): StepResult {
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
