// Cloudflare Workers entry point: the same Hono app (webhook, staff area) and bot as on Node, with
// D1 (or Turso over HTTP), the real LINE client, ctx.waitUntil for replies after the 200, a cron
// trigger for reminders and scheduled broadcasts, and a queue (optional) that 「今すぐ送信」 hands its
// fan-out to. No developer tools here: the LINE emulator and the simulator are Node-only.
import type { ExecutionContext, MessageBatch, ScheduledController } from "@cloudflare/workers-types";
import { createApp, createWebhookApp } from "./app.js";
import { ConfigError } from "./config.js";
import { consoleLogger } from "./ports.js";
import { searchIndexFor } from "./store/search-index.js";
import { errorName } from "./worker/background.js";
import { workerBot } from "./worker/bot.js";
import type { WorkerEnv } from "./worker/env.js";
import { consumeWorkBatch, queueBroadcastStarter, runWorkerTick } from "./worker/scheduled.js";

export type { WorkerEnv } from "./worker/env.js";

async function fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
  try {
    const built = await workerBot(env, ctx);
    const { config } = built;
    // The staff desk's settings ride along with the bot the Worker module built.
    const bot = {
      ...built.bot,
      searchIndex: searchIndexFor(config.searchIndexKey, config.dataEncryptionKey),
      staffGroup: config.staffGroupId
        ? { groupId: config.staffGroupId, adminBaseUrl: config.adminBaseUrl }
        : undefined,
    };
    // LINE's events (the hot path) skip building the staff area.
    if (new URL(request.url).pathname === "/webhook")
      return await createWebhookApp({ bot, channelSecret: config.line.channelSecret }).fetch(
        request,
        env,
        ctx,
      );
    const app = createApp({
      bot,
      channelSecret: config.line.channelSecret,
      production: config.production,
      lineApi: () => ({
        baseURL: config.line.apiBaseUrl,
        channelAccessToken: config.line.channelAccessToken,
      }),
      // Set by Cloudflare's edge for every request; a client cannot choose it.
      clientAddress: (c) => c.req.header("cf-connecting-ip"),
      startBroadcast: queueBroadcastStarter(env),
      knowledgeReviewDays: config.knowledgeReviewDays,
    });
    return await app.fetch(request, env, ctx);
  } catch (error) {
    if (error instanceof ConfigError) return configurationFailure(request, error);
    consoleLogger.error("worker.failed", { name: errorName(error) });
    return Response.json({ message: "internal error" }, { status: 500 });
  }
}

/**
 * A configuration that cannot work: the log and /health name each setting at fault (names and what
 * is wrong, never a value). Every other path answers 503 (LINE redelivers once it is fixed).
 */
function configurationFailure(request: Request, error: ConfigError): Response {
  consoleLogger.error("worker.config_invalid", {
    settings: error.problems.map((p) => p.setting).join(","),
    problems: error.problems.map((p) => `${p.setting} ${p.problem}`).join("; "),
  });
  if (new URL(request.url).pathname === "/health")
    return Response.json({ ok: false, problems: error.problems }, { status: 503 });
  return Response.json(
    {
      message: "the service is not configured yet: see /health",
      settings: error.problems.map((p) => p.setting),
    },
    { status: 503 },
  );
}

async function scheduled(
  controller: ScheduledController,
  env: WorkerEnv,
  ctx: ExecutionContext,
): Promise<void> {
  const run = runWorkerTick(env, `cron:${controller.cron}`);
  ctx.waitUntil(run);
  await run;
}

async function queue(batch: MessageBatch<unknown>, env: WorkerEnv): Promise<void> {
  await consumeWorkBatch(batch, env);
}

export default { fetch, scheduled, queue };
