// When the bot may push to a member (Japan time): reminders, nudges, scheduled broadcasts and
// notices relayed by staff go out only inside these hours; what falls outside waits for the next
// morning. Replies to a member's own message are never held back. Validated when it loads.
import { z } from "zod";

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM（日本時間）");

export const PushHoursSchema = z
  .object({
    /** First moment a push may go out, Japan time. */
    start: Time,
    /** Pushes stop at this time (exclusive), Japan time. */
    end: Time,
    /**
     * A reminder that must arrive before a deadline (the 24-hour link) and would fall outside the
     * hours is moved earlier, to this many minutes before `end`, when the morning would be too late.
     */
    earlyMarginMinutes: z.number().int().min(5).max(120),
    /** "Too late": when the morning leaves less than this before the deadline. */
    minLeadMinutes: z
      .number()
      .int()
      .min(0)
      .max(12 * 60),
  })
  .refine((h) => h.start < h.end, { message: "start は end より前（夜をまたぐ設定は不可）" });

export type PushHours = z.infer<typeof PushHoursSchema>;

export const pushHours: PushHours = PushHoursSchema.parse({
  start: "08:00",
  end: "20:00",
  earlyMarginMinutes: 30,
  minLeadMinutes: 120,
});
