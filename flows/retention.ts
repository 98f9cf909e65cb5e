// How long the helpdesk keeps what it keeps (DESIGN §5: only what the journey needs). Validated at
// load time; the scheduler's retention job (src/scheduler/retention.ts) reads these numbers.
import { z } from "zod";

const Days = z.number().int().min(1).max(3650);

const RetentionSchema = z.object({
  /** A conversation nobody touched this long goes back to the start (a half-filled form is personal). */
  conversationDays: Days,
  /** Webhook event ids kept for de-duplication; LINE never redelivers anywhere near this late. */
  processedEventDays: Days.max(30),
  /** Questions the FAQ could not answer (scrubbed and sealed), kept for staff to add FAQ entries. */
  unansweredQuestionDays: Days,
});

export type Retention = z.infer<typeof RetentionSchema>;

export const retention: Retention = RetentionSchema.parse({
  conversationDays: 180,
  processedEventDays: 7,
  unansweredQuestionDays: 90,
});
