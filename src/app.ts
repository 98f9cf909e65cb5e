// The Hono app shared by both runtimes: health, the LINE webhook and the staff area. It receives its
// adapters; it never chooses them.

import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { adminRoute } from "./admin/index.js";
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
  /** Starts a 「今すぐ送信」 broadcast elsewhere (the Worker's queue); see AdminOptions. */
  startBroadcast?: (broadcastId: number) => Promise<void>;
}

export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const { bot } = options;

  app.get("/health", async (c) => {
    await bot.db.run(sql`select 1`);
    return c.json({ ok: true });
  });

  app.route(
    "/webhook",
    webhookRoute({
      channelSecret: options.channelSecret,
      logger: bot.logger,
      handle: (event) => processEvent(bot, event),
    }),
  );

  // The staff area reads bot.messenger per request: the Node entry sets it once the server listens.
  app.route(
    "/admin",
    adminRoute({
      deps: bot,
      secureCookies: options.production ?? false,
      quota: options.lineApi && lineQuota(options.lineApi),
      startBroadcast: options.startBroadcast,
    }),
  );

  // Runtime-specific routes (the Node entry's developer tools) come from the entry point.
  options.mount?.(app);

  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ message: error.message }, error.status);
    bot.logger.error("request.failed", { path: c.req.path, name: error.name });
    return c.json({ message: "internal error" }, 500);
  });
  app.notFound((c) => c.json({ message: "not found" }, 404));
  return app;
}
