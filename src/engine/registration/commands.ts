// The words that work at every step: 「やめる」 and 「最初から」 (both asked first), 「戻る」 (the
// previous field with its current value) and 「ヘルプ」 (the commands and the current field).
import { text } from "../messages.js";
import { type ConversationState, INITIAL_STATE, type StepResult } from "../types.js";
import { normalizeCommand } from "../understand/normalize.js";
import { COPY, fill } from "./copy.js";
import { toConfirm } from "./fields.js";
import { enter, fieldOf, firstMissing, previousField, reply, type Step, stepOf, without } from "./model.js";
import { nfkc } from "./normalize.js";
import { resume } from "./prompts.js";

export type Command = "cancel" | "back" | "restart" | "help";

const M = COPY.messages;
const COMMANDS = Object.entries(COPY.commands) as [Command, string[]][];

/** Which command a text is, if any (「戻って」「キャンセル」「？」 included). */
export function detectCommand(raw: string): Command | undefined {
  if (/^[?？]+$/u.test(nfkc(raw).trim())) return "help";
  const key = normalizeCommand(raw);
  if (key.length === 0) return undefined;
  // 「やっぱりやめる」「やっぱ戻る」: the change of mind said before the command.
  const said = key.replace(CHANGE_OF_MIND, "") || key;
  const exact = COMMANDS.find(([, words]) =>
    words.some((w) => normalizeCommand(w) === key || normalizeCommand(w) === said),
  )?.[0];
  if (exact) return exact;
  // 「あっまちがえたもどって」: a short message ending in 「戻って」 is 戻る (only back: 「…やめて」 may
  // be about something else, and cancelling is asked first anyway).
  if (Array.from(key).length > SHORT_COMMAND || COUNTED_BACK.test(key)) return undefined;
  const back = COMMANDS.find(([command]) => command === "back")?.[1] ?? [];
  return back.some((w) => normalizeCommand(w).length >= 3 && key.endsWith(normalizeCommand(w)))
    ? "back"
    : undefined;
}

const CHANGE_OF_MIND = /^(?:やっぱり|やっぱ|やはり|じゃあ|では|もう)/u;

/** 「2つ前に戻りたい」: how many fields back (read by the corrections, not as one 戻る). */
export const COUNTED_BACK = /([1-4一二三四]|ひと|ふた|みっ|よっ)つ(?:前|まえ)/u;

/** Longest message read as a command said at its end. */
const SHORT_COMMAND = 14;

const ASKING: Step[] = ["cancelConfirm", "restartConfirm"];

/** Asks a yes/no question, remembering where to come back to. */
function askFirst(state: ConversationState, step: "cancelConfirm" | "restartConfirm"): StepResult {
  const current = stepOf(state);
  const returnTo = ASKING.includes(current) ? (state.scratch?.returnTo ?? "familyName") : current;
  const next = enter(state, step, { editing: state.editing, scratch: { ...state.scratch, returnTo } });
  return reply(next, resume(next));
}

/** 「いいえ」 to a yes/no question: back where the member was. */
export function keepGoing(state: ConversationState): StepResult {
  const returnTo = state.scratch?.returnTo;
  const scratch = without(state.scratch, "returnTo");
  const back = enter(state, (returnTo as Step | undefined) ?? "familyName", {
    editing: state.editing,
    scratch,
  });
  return reply(back, [text(M.cancelKept), ...resume(back)]);
}

/** Cancelled: the answers are cleared and the member is told so. */
export function cancelNow(): StepResult {
  return reply({ ...INITIAL_STATE, answers: {} }, [text(M.cancelled)]);
}

export function restartNow(lead = M.restarted): StepResult {
  const next = enter({ ...INITIAL_STATE, answers: {} }, "familyName");
  return reply(next, [text(lead), ...resume(next)]);
}

function goBack(state: ConversationState): StepResult {
  const step = stepOf(state);
  if (ASKING.includes(step)) return keepGoing(state);
  // Editing a complete form: back is the card; a form still being filled (a field reopened, a pasted
  // block) goes back a field as usual.
  if (step === "editPick" || (state.editing && step !== "confirm" && !firstMissing(state.answers)))
    return toConfirm(state, [text(M.backToConfirm)]);
  if (step === "resumeOffer") return reply(state, resume(state));
  const field = step === "confirm" ? "email" : fieldOf(state);
  const previous = step === "confirm" ? "email" : field && previousField(field);
  if (!previous) return reply(state, [text(M.backFirst), ...resume(state)]);
  const next = enter(state, previous);
  return reply(next, [text(fill(M.backTo, { label: COPY.fields[previous].label })), ...resume(next)]);
}

function help(state: ConversationState): StepResult {
  const field = fieldOf(state);
  const hint = field ? [text(COPY.fields[field].hint)] : [];
  return reply(state, [text(M.help), ...hint, ...resume(state)]);
}

export function runCommand(state: ConversationState, command: Command): StepResult {
  const step = stepOf(state);
  switch (command) {
    case "cancel":
      return step === "cancelConfirm" ? cancelNow() : askFirst(state, "cancelConfirm");
    case "restart":
      return step === "restartConfirm" || step === "resumeOffer"
        ? restartNow()
        : askFirst(state, "restartConfirm");
    case "back":
      return goBack(state);
    case "help":
      return help(state);
  }
}

/** 「続きから」: the first field still empty, or the confirm card when all are there. */
export function continueWhereLeft(state: ConversationState): StepResult {
  const missing = firstMissing(state.answers);
  if (!missing) return toConfirm(state);
  const next = enter(state, missing);
  return reply(next, resume(next));
}
