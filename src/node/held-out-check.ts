// Before an admin publishes a knowledge change, the held-out FAQ evaluation (test/faq-eval/heldout.json,
// written blind and never tuned on) is run on the knowledge before and after: a drop is warned about.
// Only its aggregate figure is used. Node only: the set lives in the repository, not in the Worker bundle;
// a deployment without the file simply publishes without the check.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { HeldOutCheck } from "../admin/deps.js";
import type { FaqEntry } from "../answerer/types.js";

const HELD_OUT = new URL("../../test/faq-eval/heldout.json", import.meta.url);

/** Share of the held-out answerable questions answered directly and right, minus wrong direct answers. */
export function heldOutCheck(): HeldOutCheck | undefined {
  if (!existsSync(fileURLToPath(HELD_OUT))) return undefined;
  return {
    async score(entries: FaqEntry[]) {
      try {
        const [evaluate, offline, interpret, flows] = await Promise.all([
          import("../../test/faq-eval/evaluate.js"),
          import("../answerer/offline/index.js"),
          import("../engine/understand/interpret.js"),
          import("../../flows/understanding.js"),
        ]);
        const outcomes = evaluate.memberOutcomes(
          evaluate.loadHeldOut(),
          offline.createOfflineAnswerer(entries),
          interpret.createInterpreter(flows.understanding),
        );
        return outcomes.directRight - outcomes.wrongDirect;
      } catch {
        return null;
      }
    },
  };
}
