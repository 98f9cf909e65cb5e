// A local LINE Messaging API for development and tests: the real @line/bot-sdk clients talk to it.
import { Hono } from "hono";
import { lineError } from "./http.js";
import { lineEdge } from "./middleware.js";
import { accountRoutes } from "./routes-account.js";
import { richMenuRoutes } from "./routes-richmenu.js";
import { sendRoutes } from "./routes-send.js";
import { createEmulatorState, rememberUser } from "./state.js";
import type { LineEmulator, LineEmulatorOptions } from "./types.js";

export { LINE_EMULATOR_PREFIX, mountLineEmulator } from "./mount.js";
export type {
  Delivery,
  DeliveryVia,
  Fault,
  LineEmulator,
  LineEmulatorOptions,
  LoadingRecord,
  RichMenuRecord,
} from "./types.js";

const DEFAULT_WAIT_MS = 2_000;

export function createLineEmulator(options: LineEmulatorOptions): LineEmulator {
  const state = createEmulatorState(options);
  const app = new Hono();
  // Scoped to /v2/bot/* so mounting the app at "/" leaves the parent's other routes alone.
  app.use("/v2/bot/*", lineEdge(state));
  app.route("/", sendRoutes(state));
  app.route("/", accountRoutes(state));
  app.route("/", richMenuRoutes(state));
  app.all("/v2/bot/*", (c) => lineError(c, 404, "Not found"));
  app.onError((_error, c) => lineError(c, 500, "Internal Server Error"));

  return {
    app,
    issueReplyToken(userId) {
      rememberUser(state, userId);
      return state.replyTokens.issue(userId);
    },
    deliveries: (filter) => state.deliveries.list(filter),
    lastSeq: () => state.deliveries.lastSeq(),
    waitForDelivery: (userId, sinceSeq = 0, timeoutMs = DEFAULT_WAIT_MS) =>
      state.deliveries.waitFor(userId, sinceSeq, timeoutMs),
    setProfile: (userId, displayName) => rememberUser(state, userId, displayName),
    failNext: (path, statuses) => state.faults.add(path, statuses),
    stats: () => ({ requests: { ...state.requests } }),
    richMenus: () => [...state.richMenus.values()],
    defaultRichMenuId: () => state.defaultRichMenuId,
    loadings: () => [...state.loadings],
    totalUsage: () => state.totalUsage,
    reset: () => state.reset(),
  };
}
