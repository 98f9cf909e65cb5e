// The shape every multi-step conversation in flows/ is run through by the engine.

import type { FaqLookup } from "../answerer/types.js";
import type { ConversationState, EngineContext, Input, LineMessage, StepResult } from "./types.js";

/** What a flow may read besides the state: time, the member, and the offline FAQ. */
export interface FlowContext extends EngineContext {
  faq: FaqLookup;
}

export interface Flow {
  /** Enter the flow from idle (menu, rich menu, trigger words). */
  start(ctx: FlowContext, state: ConversationState): StepResult;
  /** Handle a text / postback / nonText / rosterResult input while `state.flow` is this flow. */
  step(ctx: FlowContext, state: ConversationState, input: Input): StepResult;
  /**
   * Whether a typed text is this step's own business (a button's words, 「戻る」「やめる」, a word
   * only this flow understands), so the engine must not read it as small talk or a question.
   */
  claims(ctx: FlowContext, state: ConversationState, text: string): boolean;
  /** Left half-done outside the flow (「あとで」): worth offering 「入力を続ける」. */
  paused?(state: ConversationState): boolean;
  /** What helps with the current step (its hint), for 「わからない」「助けて」; the prompt follows. */
  help?(ctx: FlowContext, state: ConversationState): LineMessage[];
  /** The prompt of the current step again, after the engine answered something else mid-flow. */
  resume(ctx: FlowContext, state: ConversationState): LineMessage[];
  /** The same after a side question, when it can be shorter than the step's full prompt. */
  resumeAfterAside?(ctx: FlowContext, state: ConversationState): LineMessage[];
  /**
   * After the flow was finished, a correction of what it collected (「メールアドレスを院のアドレスに変え
   * たい info@…」): the flow takes it up again there, or null.
   */
  correctsFinished?(ctx: FlowContext, state: ConversationState, text: string): StepResult | null;
}
