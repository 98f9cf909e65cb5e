// Mounting help. The SDK resolves "/v2/bot/..." against baseURL with `new URL(path, baseURL)`, which
// drops any path in baseURL: "http://host/line-emulator" sends to "http://host/v2/bot/...". So the
// emulator must also answer at the root of the server the SDK's baseURL points at.
import type { Hono } from "hono";
import type { LineEmulator } from "./types.js";

export const LINE_EMULATOR_PREFIX = "/line-emulator";

interface Mountable {
  route(path: string, app: Hono): unknown;
}

/** Mounts at `prefix` (for people and curl) and at "/" (for the SDK); only /v2/bot/* is claimed. */
export function mountLineEmulator(
  parent: Mountable,
  emulator: LineEmulator,
  prefix = LINE_EMULATOR_PREFIX,
): void {
  parent.route(prefix, emulator.app);
  parent.route("/", emulator.app);
}
