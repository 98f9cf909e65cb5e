// Looks up 施術所名 by 登録記号番号 in the roster staff imported.
import { eq } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import type { Database } from "./database.js";

export async function findClinicName(db: Database, registrationNumber: string): Promise<string | null> {
  const rows = await db
    .select({ clinicName: schema.roster.clinicName })
    .from(schema.roster)
    .where(eq(schema.roster.registrationNumber, registrationNumber))
    .limit(1);
  return rows[0]?.clinicName ?? null;
}
