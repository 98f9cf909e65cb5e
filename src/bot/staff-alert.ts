// Tells the staff LINE group (STAFF_LINE_GROUP_ID) that a member asked for a person, after the
// inquiry is committed. The push counts against the month's message quota like any other, so it is
// one short message per inquiry, with a retry key per event (a redelivered event is not pushed twice),
// and it is marked on the inquiry so the dashboard can count what the alerts cost.
import { and, eq, isNull, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import { staffGroupInquiryAlert } from "../../flows/notices.js";
import { text } from "../engine/messages.js";
import type { MemberEvent } from "../webhook/schema.js";
import { retryKeyFor } from "./deliver.js";
import type { BotDeps, StaffGroup } from "./deps.js";

export async function alertStaffGroup(deps: BotDeps, group: StaffGroup, event: MemberEvent): Promise<void> {
  const q = schema.inquiries;
  try {
    const [open] = await deps.db.select({ n: sql<number>`count(*)` }).from(q).where(eq(q.status, "open"));
    await deps.messenger.push(
      group.groupId,
      [text(staffGroupInquiryAlert(Number(open?.n ?? 1), group.adminBaseUrl))],
      await retryKeyFor(`${event.webhookEventId}:staff-group`),
    );
    await deps.db
      .update(q)
      .set({ staffNotifiedAt: deps.clock.now().toISOString() })
      .where(and(eq(q.userId, event.userId), isNull(q.staffNotifiedAt)));
  } catch (error) {
    // The inquiry is stored and on the dashboard either way; only the alert is lost.
    deps.logger.error("staffGroup.alertFailed", { name: (error as Error).name });
  }
}
