// Development tools on the Node server in emulator mode: the LINE emulator the SDK talks to and the
// simulator (page and scriptable API). Never part of the Worker.
import type { Hono } from "hono";
import type { TrackedBackground } from "../background.js";
import { type LineEmulator, mountLineEmulator } from "../line/emulator/index.js";
import { simulatorRoute } from "./simulator-route.js";

export interface DevTools {
  emulator: LineEmulator;
  background: TrackedBackground;
  channelSecret: string;
  emulatorPath: string;
}

export function mountDevTools(app: Hono, tools: DevTools): void {
  // The SDK resolves "/v2/bot/…" against the base URL's origin, so the emulator answers at the root too.
  mountLineEmulator(app, tools.emulator, tools.emulatorPath);
  app.route(
    "/dev/simulator",
    simulatorRoute({
      emulator: tools.emulator,
      background: tools.background,
      channelSecret: tools.channelSecret,
      deliver: async (request) => app.fetch(request),
    }),
  );
  app.get("/", (c) => c.redirect("/dev/simulator"));
}
