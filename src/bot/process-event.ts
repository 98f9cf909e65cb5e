// Runs one member event: de-duplicate, load the snapshot, step the pure engine, commit state and
// effects atomically (retrying on a version race), then send the replies after the commit.
import type { FlowContext } from "../engine/flow.js";
import { settleReplies } from "../engine/messages.js";
import type { Effect, Input, StepResult } from "../engine/types.js";
import { INITIAL_STATE } from "../engine/types.js";
import {
  commitStep,
  loadSnapshot,
  type Snapshot,
  UnreadableStateError,
} from "../store/conversation-store.js";
import { effectStatements } from "../store/effect-statements.js";
import { findClinicName } from "../store/roster.js";
import type { MemberEvent } from "../webhook/schema.js";
import { deliverReplies } from "./deliver.js";
import type { BotDeps } from "./deps.js";
import { alertStaffGroup } from "./staff-alert.js";
import { handleUnreadableState } from "./unreadable.js";

const MAX_ATTEMPTS = 5;

export type EventOutcome = "processed" | "duplicate";

export async function processEvent(deps: BotDeps, event: MemberEvent): Promise<EventOutcome> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const now = deps.clock.now();
    let snapshot: Snapshot | "duplicate";
    try {
      snapshot = await loadSnapshot(deps.db, deps.cipher, event.userId, now, event.webhookEventId);
    } catch (error) {
      if (!(error instanceof UnreadableStateError)) throw error;
      // Blocking erases the member's data, which needs nothing of the old state: go on from empty.
      if (event.input.kind === "unfollow")
        snapshot = {
          member: { userId: event.userId, journeyStep: null, journeyAt: {} },
          state: INITIAL_STATE,
          version: error.version,
        };
      else {
        const outcome = await handleUnreadableState(deps, event, error.version);
        if (outcome === "conflict") continue;
        return outcome === "duplicate" ? "duplicate" : "processed";
      }
    }
    if (snapshot === "duplicate") return "duplicate";
    // Staff may have published since the last event (in another Worker isolate): answer from the new knowledge.
    await deps.knowledge?.sync(deps.db, snapshot.knowledgeVersion);
    const ctx: FlowContext = { now, member: snapshot.member, faq: deps.faq };
    const result = await runEngine(deps, ctx, snapshot.state, event.input);
    const outcome = await commitStep(deps.db, deps.cipher, {
      webhookEventId: event.webhookEventId,
      userId: event.userId,
      fromVersion: snapshot.version,
      state: result.state,
      now,
      effects: await effectStatements(
        deps.db,
        deps.cipher,
        event.userId,
        result.effects,
        now,
        deps.searchIndex,
      ),
    });
    if (outcome === "duplicate") return "duplicate";
    if (outcome === "committed") {
      deps.logger.info("event.processed", {
        kind: event.input.kind,
        replies: result.replies.length,
        attempt,
      });
      if (result.replies.length > 0) deps.background.run(() => deliverReplies(deps, event, result));
      const group = deps.staffGroup;
      if (group && result.effects.some((e) => e.type === "createInquiry"))
        deps.background.run(() => alertStaffGroup(deps, group, event));
      return "processed";
    }
    // "conflict": another event of this member committed first; step again on the fresh state.
  }
  throw new Error("conversation state kept changing: gave up after retries");
}

/** Steps the engine, feeding back the lookups it asks for (the roster) until it needs none. */
async function runEngine(
  deps: BotDeps,
  ctx: FlowContext,
  state: StepResult["state"],
  input: Input,
): Promise<StepResult> {
  let result = deps.engine(ctx, state, input);
  for (let i = 0; i < 3; i++) {
    const lookup = result.effects.find(
      (e): e is Extract<Effect, { type: "lookupRoster" }> => e.type === "lookupRoster",
    );
    if (!lookup) break;
    const clinicName = await findClinicName(deps.db, lookup.registrationNumber);
    const next = deps.engine(ctx, result.state, {
      kind: "rosterResult",
      registrationNumber: lookup.registrationNumber,
      clinicName,
    });
    result = {
      state: next.state,
      replies: [...result.replies, ...next.replies],
      effects: [...result.effects.filter((e) => e !== lookup), ...next.effects],
    };
  }
  return { ...result, replies: settleReplies(result.replies) };
}
