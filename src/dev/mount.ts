// Development tools on the Node server in emulator mode: the LINE emulator the SDK talks to and the
// simulator (page and scriptable API). Never part of the Worker.
import type { Hono } from "hono";
import type { TrackedBackground } from "../background.js";
import { type LineEmulator, mountLineEmulator } from "../line/emulator/index.js";
import { clockRoute } from "./clock-route.js";
import type { OffsetClock } from "./offset-clock.js";
import { simulatorRoute } from "./simulator-route.js";

export interface DevTools {
  emulator: LineEmulator;
  background: TrackedBackground;
  channelSecret: string;
  emulatorPath: string;
  /** The simulator's movable clock and the scheduled work to run after moving it. */
  clock?: OffsetClock;
  runScheduledWork?: () => Promise<Record<string, number>>;
}

export function mountDevTools(app: Hono, tools: DevTools): void {
  // The SDK resolves "/v2/bot/…" against the base URL's origin, so the emulator answers at the root too.
  mountLineEmulator(app, tools.emulator, tools.emulatorPath);
  const { clock, runScheduledWork } = tools;
  // Before the simulator route, so /dev/simulator/clock is not taken for something else.
  if (clock && runScheduledWork) app.route("/dev/simulator/clock", clockRoute({ clock, runScheduledWork }));
  app.route(
    "/dev/simulator",
    simulatorRoute({
      emulator: tools.emulator,
      background: tools.background,
      channelSecret: tools.channelSecret,
      deliver: async (request) => app.fetch(request),
      now: clock ? () => clock.now().getTime() : undefined,
    }),
  );
  app.get("/", (c) => c.redirect("/dev/simulator"));
}
