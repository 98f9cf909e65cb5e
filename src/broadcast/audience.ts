// Who a broadcast goes to, as data stored with it: everyone active, a journey step, an affiliation,
// or those who have not yet reached a step (e.g. "not yet applied"). Blocked members never receive.
import { and, eq, exists, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import * as schema from "../../db/schema.js";
import { FINAL_STEP, JOURNEY_STEPS } from "../engine/types.js";

const Step = z.enum(JOURNEY_STEPS);

export const AudienceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("journeyStep"), step: z.union([Step, z.literal("none")]) }),
  z.object({ kind: z.literal("affiliation"), affiliation: z.string().min(1).max(100) }),
  z.object({ kind: z.literal("notReached"), step: Step }),
  /** 「名簿の会員で、まだ導入完了していない人」: linked to a roster row, not 導入完了, not 対象外. */
  z.object({ kind: z.literal("rosterNotDone") }),
]);

export type Audience = z.infer<typeof AudienceSchema>;

export function parseAudience(json: string): Audience | null {
  try {
    const parsed = AudienceSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The members a broadcast reaches: active ones matching the audience. */
export function audienceWhere(audience: Audience): SQL {
  const m = schema.members;
  const active = eq(m.status, "active");
  switch (audience.kind) {
    case "all":
      return active;
    case "journeyStep":
      return and(
        active,
        audience.step === "none" ? isNull(m.journeyStep) : eq(m.journeyStep, audience.step),
      )!;
    case "affiliation":
      return and(active, eq(m.affiliation, audience.affiliation))!;
    case "notReached": {
      const before = JOURNEY_STEPS.slice(0, JOURNEY_STEPS.indexOf(audience.step));
      const behind =
        before.length > 0 ? or(isNull(m.journeyStep), inArray(m.journeyStep, before)) : isNull(m.journeyStep);
      // A member who reported 対象外（届出） is not "behind": a push to catch up is not for them.
      return and(active, behind, isNull(m.exemption))!;
    }
    case "rosterNotDone": {
      const linked = exists(
        sql`(select 1 from ${schema.rosterLinks} where ${schema.rosterLinks.userId} = ${m.userId})`,
      );
      const notDone = or(isNull(m.journeyStep), ne(m.journeyStep, FINAL_STEP));
      return and(active, linked, notDone, isNull(m.exemption))!;
    }
  }
}
