// The Hono app shared by both runtimes: health, the LINE webhook and the staff area. It receives its
// adapters; it never chooses them.

import { sql } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { HeldOutCheck } from "./admin/deps.js";
import { adminRoute, HSTS } from "./admin/index.js";
import { errorPage } from "./admin/pages/error-page.js";
import { type LineApiAccess, lineQuota } from "./admin/quota.js";
import type { BotDeps } from "./bot/deps.js";
import { processEvent } from "./bot/process-event.js";
import { webhookRoute } from "./webhook/route.js";

export interface AppOptions {
  bot: BotDeps;
  channelSecret: string;
  /** Production (HTTPS): the staff area's cookies are Secure. */
  production?: boolean;
  /** Routes only one runtime serves (the Node entry's simulator and LINE emulator). */
  mount?: (app: Hono) => void;
  /** The Messaging API account the staff dashboard reads the message quota from. */
  lineApi?: () => LineApiAccess;
  /** The client's address as this runtime knows it (sign-in throttling). */
  clientAddress?: (c: Context) => string | undefined;
  /** Starts a 「今すぐ送信」 broadcast elsewhere (the Worker's queue); see AdminOptions. */
  startBroadcast?: (broadcastId: number) => Promise<void>;
  /** See AdminOptions. */
  knowledgeReviewDays?: number;
  heldOut?: HeldOutCheck;
}

export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const { bot } = options;
  // Every response: nosniff and friends; in production (HTTPS only) HSTS too. The staff area adds
  // its own Content-Security-Policy; the development simulator has none.
  app.use(
    "*",
    secureHeaders({
      strictTransportSecurity: options.production ? HSTS : false,
      crossOriginResourcePolicy: false,
      crossOriginOpenerPolicy: false,
    }),
  );

  app.get("/health", async (c) => {
    await bot.db.run(sql`select 1`);
    return c.json({ ok: true });
  });

  app.route("/webhook", lineWebhook(options));

  // The staff area reads bot.messenger per request: the Node entry sets it once the server listens.
  app.route(
    "/admin",
    adminRoute({
      deps: bot,
      secureCookies: options.production ?? false,
      clientAddress: options.clientAddress,
      quota: options.lineApi && lineQuota(options.lineApi),
      startBroadcast: options.startBroadcast,
      knowledgeReviewDays: options.knowledgeReviewDays,
      heldOut: options.heldOut,
    }),
  );

  // Runtime-specific routes (the Node entry's developer tools) come from the entry point.
  options.mount?.(app);

  app.onError(onError(bot.logger));
  app.notFound((c) => (wantsJson(c) ? c.json({ message: "not found" }, 404) : c.html(errorPage(404), 404)));
  return app;
}

/** LINE's webhook route alone. */
function lineWebhook(options: Pick<AppOptions, "bot" | "channelSecret">): Hono {
  const { bot } = options;
  return webhookRoute({
    channelSecret: options.channelSecret,
    logger: bot.logger,
    handle: (event) => processEvent(bot, event),
  });
}

/**
 * Only the webhook, for a runtime that builds the app per request (the Worker): LINE's events are
 * the hot path, and the whole staff area costs about a millisecond of CPU to build.
 */
export function createWebhookApp(options: Pick<AppOptions, "bot" | "channelSecret">): Hono {
  const app = new Hono();
  app.route("/webhook", lineWebhook(options));
  app.onError(onError(options.bot.logger));
  app.notFound((c) => c.json({ message: "not found" }, 404));
  return app;
}

/** People get a plain Japanese page with no detail; machines (the webhook, JSON callers) get JSON. */
function onError(logger: AppOptions["bot"]["logger"]) {
  return (error: Error, c: Context) => {
    const status = error instanceof HTTPException ? error.status : 500;
    if (status >= 500) logger.error("request.failed", { path: c.req.path, name: error.name });
    if (wantsJson(c)) {
      const message = error instanceof HTTPException && status < 500 ? error.message : "internal error";
      return c.json({ message }, status);
    }
    return c.html(errorPage(status), status);
  };
}

/** The webhook and API callers speak JSON; a browser asks for HTML. */
function wantsJson(c: Context): boolean {
  if (c.req.path.startsWith("/webhook") || c.req.path.startsWith("/line-emulator")) return true;
  const accept = c.req.header("accept") ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}
