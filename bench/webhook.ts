// Webhook throughput and latency of the real Node stack on loopback: signature → dedupe → engine →
// libSQL (temp file) → real LINE SDK client → LINE emulator. The LINE side (emulator, signing, load)
// runs in a child process (bench/webhook-driver.ts), so the CPU figure is the bot's own.
// Two runs after a warm-up (3,000 events from the `paced-users` members, so V8 has optimised both
// processes, as in a server that has been up for a while):
// 1. saturation: `concurrency` members chat at once, each waiting for the bot's reply before the next
//    message — the most events per second the bot takes, and its CPU per event; its `users` members
//    are new, so each one's first event also creates the member;
// 2. paced: events arrive at `rate` per second whatever the bot does, as LINE delivers them, from
//    the members met in the warm-up — the webhook's p50/p99 at that load, timed from when each event
//    was due.
// Both check that every event got exactly one reply.
// Usage: npm run bench:webhook -- [--events 3000] [--users 300] [--concurrency 32]
//                                 [--rate 1000] [--paced-events 5000] [--paced-users 1000]
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { count, sql } from "drizzle-orm";
import { processedEvents } from "../db/schema.js";
import { DEV_CHANNEL_SECRET, EMULATOR_ACCESS_TOKEN } from "../src/config.js";
import { type RunningBot, startNode } from "../src/node.js";
import type { Logger } from "../src/ports.js";
import { type RunRequest, type RunResult, runDriver } from "./webhook-driver.js";

const TARGETS = { eventsPerSecond: 1_000, p99Ms: 20, cpuMsPerEvent: 2 };

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "3000" },
    users: { type: "string", default: "300" },
    concurrency: { type: "string", default: "32" },
    rate: { type: "string", default: String(TARGETS.eventsPerSecond) },
    "paced-events": { type: "string", default: "5000" },
    "paced-users": { type: "string", default: "1000" },
    warmup: { type: "string", default: "3000" },
    driver: { type: "boolean", default: false },
  },
});

let errorLogs = 0;
const quietLogger: Logger = { info: () => {}, error: () => void errorLogs++ };

function ask<T>(child: ChildProcess, message?: RunRequest): Promise<T> {
  return new Promise((resolve) => {
    child.once("message", (m) => resolve(m as T));
    if (message) child.send(message);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");
const ms = (v: number) => `${v.toFixed(2)} ms`;

interface Measured {
  result: RunResult;
  events: number;
  cpuMs: number;
  processed: number;
}

/** Runs one load and reads back the bot's CPU and the processed_events rows it added. */
async function measure(child: ChildProcess, bot: RunningBot, request: RunRequest): Promise<Measured> {
  const before = await processedCount(bot);
  await bot.background.idle();
  const cpu0 = process.cpuUsage();
  const result = await ask<RunResult>(child, request);
  await bot.background.idle();
  const cpu = process.cpuUsage(cpu0);
  return {
    result,
    events: request.events,
    cpuMs: (cpu.user + cpu.system) / 1000,
    processed: (await processedCount(bot)) - before,
  };
}

async function processedCount(bot: RunningBot): Promise<number> {
  const [{ processed = 0 } = {}] = await bot.db.select({ processed: count() }).from(processedEvents);
  return processed;
}

/** Prints the reply accounting of a run; true when every event got exactly one reply. */
function accounting(m: Measured): boolean {
  const failed = m.result.samples.filter((s) => s.status !== 200).length;
  console.log(`  errors            ${failed} failed requests, ${errorLogs} error logs`);
  console.log(
    `  replies           ${m.result.replies} for ${m.events} events; members with a wrong count: ${m.result.wrongMembers}; processed_events rows: ${m.processed}`,
  );
  const exact =
    m.result.replies === m.events && m.result.wrongMembers === 0 && failed === 0 && m.processed === m.events;
  console.log(exact ? "  every event got exactly one reply" : "  MISMATCH: lost or doubled replies");
  return exact;
}

function latencies(r: RunResult): { response: number[]; reply: number[] } {
  const sorted = (values: number[]) => values.filter(Number.isFinite).sort((a, b) => a - b);
  return {
    response: sorted(r.samples.map((s) => s.responseMs)),
    reply: sorted(r.samples.map((s) => s.replyMs)),
  };
}

function reportSaturation(m: Measured, concurrency: number): { ok: boolean; exact: boolean } {
  const eps = m.events / (m.result.elapsedMs / 1000);
  const cpuMs = m.cpuMs / m.events;
  const { response } = latencies(m.result);
  console.log(`saturation: ${m.events} events, ${concurrency} members chatting at once`);
  console.log(
    `  throughput        ${eps.toFixed(0)} events/s  (target ≥ ${TARGETS.eventsPerSecond}: ${verdict(eps >= TARGETS.eventsPerSecond)})`,
  );
  console.log(
    `  CPU               ${cpuMs.toFixed(3)} ms/event in the bot process  (target < ${TARGETS.cpuMsPerEvent}: ${verdict(cpuMs < TARGETS.cpuMsPerEvent)}); LINE side ${(m.result.driverCpuMs / m.events).toFixed(3)} ms/event`,
  );
  console.log(
    `  webhook response  p50 ${ms(percentile(response, 50))}  p99 ${ms(percentile(response, 99))}  (queueing: ${concurrency} in flight by design)`,
  );
  const exact = accounting(m);
  return { ok: eps >= TARGETS.eventsPerSecond && cpuMs < TARGETS.cpuMsPerEvent, exact };
}

function reportPaced(m: Measured, rate: number): { ok: boolean; exact: boolean } {
  const achieved = m.events / (m.result.elapsedMs / 1000);
  const { response, reply } = latencies(m.result);
  const p99 = percentile(response, 99);
  console.log(`paced: ${m.events} events offered at ${rate}/s (achieved ${achieved.toFixed(0)}/s)`);
  console.log(
    `  webhook response  p50 ${ms(percentile(response, 50))}  p99 ${ms(p99)}  max ${ms(response.at(-1) ?? Number.NaN)}  (target p99 < ${TARGETS.p99Ms} ms: ${verdict(p99 < TARGETS.p99Ms)})`,
  );
  console.log(`  reply received    p50 ${ms(percentile(reply, 50))}  p99 ${ms(percentile(reply, 99))}`);
  const lag = m.result.samples.map((s) => s.sendLagMs ?? 0).sort((a, b) => a - b);
  console.log(
    `  driver send lag   p50 ${ms(percentile(lag, 50))}  p99 ${ms(percentile(lag, 99))}  max ${ms(lag.at(-1) ?? 0)}  (the LINE side's own delay, included above)`,
  );
  console.log(`  CPU               ${(m.cpuMs / m.events).toFixed(3)} ms/event in the bot process`);
  const exact = accounting(m);
  return { ok: p99 < TARGETS.p99Ms, exact };
}

async function main(): Promise<void> {
  const n = (v: string | undefined) => Number(v);
  // The LINE side runs with Node's defaults: the bot's GC setting (package.json) is the bot's alone.
  const execArgv = process.execArgv.filter((a) => !a.startsWith("--max-semi-space-size"));
  const child = fork(process.argv[1]!, ["--driver"], { stdio: "inherit", execArgv });
  const dir = mkdtempSync(join(tmpdir(), "helpdesk-bench-"));
  try {
    const { origin } = await ask<{ origin: string }>(child);
    const bot = await startNode(
      {
        PORT: "0",
        DATABASE_URL: `file:${join(dir, "bench.db")}`,
        LINE_CHANNEL_SECRET: DEV_CHANNEL_SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: EMULATOR_ACCESS_TOKEN,
        LINE_API_BASE_URL: origin,
        // As in production: conversation state is sealed with AES-GCM at rest.
        DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      },
      { logger: quietLogger, schedulerIntervalMs: 0 },
    );
    const url = `${bot.url}/webhook`;
    const base = { url, mode: "closed" as const, concurrency: n(args.concurrency), rate: n(args.rate) };
    // The warm-up lets V8 optimise both processes, and introduces the members the paced run uses.
    const pacedUsers = n(args["paced-users"]);
    await measure(child, bot, { ...base, run: "w", prefix: "m", events: n(args.warmup), users: pacedUsers });
    const [{ synchronous } = { synchronous: "?" }] = await bot.db.all<{ synchronous: number }>(
      sql`PRAGMA synchronous`,
    );
    console.log(
      `webhook bench (Node ${process.version}, SQLite synchronous=${synchronous}, state encrypted at rest)`,
    );
    const saturation = reportSaturation(
      await measure(child, bot, {
        ...base,
        run: "s",
        prefix: "s",
        events: n(args.events),
        users: n(args.users),
      }),
      base.concurrency,
    );
    const paced = reportPaced(
      await measure(child, bot, {
        ...base,
        mode: "paced",
        run: "p",
        prefix: "m",
        events: n(args["paced-events"]),
        users: pacedUsers,
      }),
      base.rate,
    );
    console.log(saturation.ok && paced.ok ? "all targets met" : "some targets MISSED (see above)");
    process.exitCode = saturation.exact && paced.exact ? 0 : 1;
    await bot.close();
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (args.driver) await runDriver();
else await main();
