// GET/POST /dev/simulator/clock: read or move the simulator's clock, then run the scheduled work at
// once (reminders, nudges, scheduled broadcasts) so what became due shows up in the chat.
import { Hono } from "hono";
import { z } from "zod";
import type { OffsetClock } from "./offset-clock.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const MoveSchema = z.union([
  z.object({
    advanceMs: z
      .number()
      .int()
      .min(60_000)
      .max(60 * DAY_MS),
  }),
  z.object({ reset: z.literal(true) }),
]);

export interface ClockRouteOptions {
  clock: OffsetClock;
  runScheduledWork(): Promise<Record<string, number>>;
}

export function clockRoute(options: ClockRouteOptions): Hono {
  const route = new Hono();
  const view = () => ({ now: options.clock.now().toISOString(), offsetMs: options.clock.offsetMs });
  route.get("/", (c) => c.json(view()));
  route.post("/", async (c) => {
    const parsed = MoveSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      return c.json(
        { message: 'expected {"advanceMs": 3600000} (1 minute to 60 days) or {"reset": true}' },
        400,
      );
    if ("reset" in parsed.data) options.clock.reset();
    else options.clock.advance(parsed.data.advanceMs);
    const work = await options.runScheduledWork();
    return c.json({ ...view(), work });
  });
  return route;
}
