// The entry point for timers (Node interval, Worker cron): sends the broadcasts whose time has come
// and resumes any a crash or a time limit interrupted.
import { dueBroadcastIds } from "../store/broadcasts.js";
import { type BroadcastDeps, runBroadcast } from "./fanout.js";

/** Returns how many broadcasts finished sending during this call. */
export async function runScheduledBroadcasts(deps: BroadcastDeps): Promise<number> {
  let finished = 0;
  for (const id of await dueBroadcastIds(deps.db, deps.clock.now())) {
    try {
      if ((await runBroadcast(deps, id)) === "finished") finished += 1;
    } catch (error) {
      // One broadcast's trouble (e.g. the database) must not keep the others waiting.
      deps.logger.error("broadcast.runFailed", { broadcastId: id, name: (error as Error).name });
    }
  }
  return finished;
}
