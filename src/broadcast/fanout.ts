// Sends one broadcast: freezes its recipients into chunks when it starts, then multicasts chunk by
// chunk with each chunk's own retry key, persisting progress after every chunk. Safe to call again
// after a crash: the chunk that was in flight is sent again with the same key (LINE dedupes it), no
// chunk is skipped and none is delivered twice.

import type { LineMessage } from "../engine/types.js";
import { LineApiError } from "../line/messenger.js";
import type { Clock, Logger, Messenger } from "../ports.js";
import {
  type ClaimedChunk,
  claimNextChunk,
  failUnfinishedChunks,
  finishIfDone,
  freezeRecipients,
  markChunkError,
  markChunkSent,
} from "../store/broadcast-chunks.js";
import { acquireLease, releaseLease, renewLease } from "../store/broadcast-lease.js";
import { getBroadcast, recipientIds } from "../store/broadcasts.js";
import type { Database } from "../store/database.js";
import { parseAudience } from "./audience.js";

export interface BroadcastDeps {
  db: Database;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
}

/** LINE answers 429 with this message once the month's quota is spent: no retry will help. */
const MONTHLY_LIMIT = /monthly limit/i;
const QUOTA_SPENT = "HTTP 429 monthly limit";

/** A chunk still failing after this many runs is given up (marked failed). */
export const MAX_CHUNK_ATTEMPTS = 5;

/** finished: all chunks done; stopped: cancelled meanwhile; interrupted: resume on the next run. */
export type RunOutcome = "finished" | "stopped" | "interrupted" | "busy" | "notDue";

export async function runBroadcast(deps: BroadcastDeps, broadcastId: number): Promise<RunOutcome> {
  const owner = crypto.randomUUID();
  if (!(await acquireLease(deps.db, broadcastId, owner, deps.clock.now()))) return "busy";
  try {
    if (!(await start(deps, broadcastId))) return "notDue";
    return await sendChunks(deps, broadcastId, owner);
  } finally {
    await releaseLease(deps.db, broadcastId, owner);
  }
}

/** True when the broadcast is (now) sending; freezes the recipients when it is due to start. */
async function start(deps: BroadcastDeps, broadcastId: number): Promise<boolean> {
  const now = deps.clock.now();
  const broadcast = await getBroadcast(deps.db, broadcastId);
  if (!broadcast) return false;
  if (broadcast.status === "sending") return true;
  if (broadcast.status !== "scheduled" || !broadcast.scheduledAt || broadcast.scheduledAt > now.toISOString())
    return false;
  const audience = parseAudience(broadcast.audience);
  const ids = audience ? await recipientIds(deps.db, audience) : [];
  const started = await freezeRecipients(deps.db, broadcastId, ids, now);
  if (started) deps.logger.info("broadcast.started", { broadcastId, recipients: ids.length });
  return started;
}

async function sendChunks(deps: BroadcastDeps, broadcastId: number, owner: string): Promise<RunOutcome> {
  const { db, clock } = deps;
  const broadcast = await getBroadcast(db, broadcastId);
  const messages = JSON.parse(broadcast?.messages ?? "[]") as LineMessage[];
  for (;;) {
    const chunk = await claimNextChunk(db, broadcastId);
    if (!chunk) break;
    const outcome = await sendChunk(deps, broadcastId, chunk, messages);
    if (outcome === "stop") return "interrupted";
    if (outcome === "quotaSpent") {
      await failUnfinishedChunks(db, broadcastId, QUOTA_SPENT);
      break;
    }
    if (!(await renewLease(db, broadcastId, owner, clock.now()))) return "interrupted";
  }
  const finished = await finishIfDone(db, broadcastId, clock.now());
  if (!finished) return "stopped";
  deps.logger.info("broadcast.finished", { broadcastId });
  return "finished";
}

async function sendChunk(
  deps: BroadcastDeps,
  broadcastId: number,
  chunk: ClaimedChunk,
  messages: LineMessage[],
): Promise<"next" | "stop" | "quotaSpent"> {
  const { db, clock, logger } = deps;
  try {
    // A chunk whose every member erased their data meanwhile has nobody left to send to.
    if (chunk.userIds.length > 0) await deps.messenger.multicast(chunk.userIds, messages, chunk.retryKey);
    await markChunkSent(db, broadcastId, chunk.seq, clock.now());
    return "next";
  } catch (error) {
    const status = error instanceof LineApiError ? error.status : null;
    if (status === 429 && MONTHLY_LIMIT.test((error as LineApiError).body)) {
      logger.error("broadcast.quotaSpent", { broadcastId, seq: chunk.seq });
      return "quotaSpent";
    }
    // A 4xx other than 429 will not get better by retrying (bad request, blocked token…).
    const permanent = status !== null && status >= 400 && status < 500 && status !== 429;
    const final = permanent || chunk.attempts >= MAX_CHUNK_ATTEMPTS;
    const reason = status !== null ? `HTTP ${status}` : (error as Error).name || "Error";
    await markChunkError(db, broadcastId, chunk.seq, reason, final);
    logger.error("broadcast.chunkFailed", {
      broadcastId,
      seq: chunk.seq,
      reason,
      attempt: chunk.attempts,
      final,
    });
    // Transient trouble: stop this run, the next one resumes the same chunk with the same key.
    return final ? "next" : "stop";
  }
}
