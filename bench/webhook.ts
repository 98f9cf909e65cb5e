// Webhook throughput and latency of the real Node stack on loopback: signature → dedupe → engine →
// libSQL (temp file) → real LINE SDK client → LINE emulator. The LINE side (emulator, signing, load)
// runs in a child process (bench/webhook-driver.ts), so the CPU figure is the bot's own. N text
// events from many members, `concurrency` members chatting at once, each waiting for the bot's
// reply before the next message. Prints events/s, p50/p99 of the webhook response and of "reply
// received", CPU ms per event, errors, and checks every event got exactly one reply.
// Usage: npm run bench:webhook -- [--events 3000] [--users 300] [--concurrency 32]
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { count, sql } from "drizzle-orm";
import { processedEvents } from "../db/schema.js";
import { DEV_CHANNEL_SECRET, EMULATOR_ACCESS_TOKEN } from "../src/config.js";
import { startNode } from "../src/node.js";
import type { Logger } from "../src/ports.js";
import { type RunRequest, type RunResult, runDriver } from "./webhook-driver.js";

const TARGETS = { eventsPerSecond: 1_000, p99Ms: 20, cpuMsPerEvent: 2 };

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "3000" },
    users: { type: "string", default: "300" },
    concurrency: { type: "string", default: "32" },
    warmup: { type: "string", default: "300" },
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

function report(
  r: RunResult,
  events: number,
  botCpuMs: number,
  processed: number,
  synchronous: unknown,
): boolean {
  const failed = r.samples.filter((s) => s.status !== 200).length;
  const resp = r.samples.map((s) => s.responseMs).sort((a, b) => a - b);
  const reply = r.samples
    .map((s) => s.replyMs)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const eps = events / (r.elapsedMs / 1000);
  const cpuMs = botCpuMs / events;
  const p99 = percentile(resp, 99);
  console.log(`webhook bench: ${events} events, SQLite synchronous=${synchronous} (Node ${process.version})`);
  console.log(
    `  throughput        ${eps.toFixed(0)} events/s  (target ≥ ${TARGETS.eventsPerSecond}: ${verdict(eps >= TARGETS.eventsPerSecond)})`,
  );
  console.log(
    `  webhook response  p50 ${ms(percentile(resp, 50))}  p99 ${ms(p99)}  (target p99 < ${TARGETS.p99Ms} ms: ${verdict(p99 < TARGETS.p99Ms)})`,
  );
  console.log(`  reply received    p50 ${ms(percentile(reply, 50))}  p99 ${ms(percentile(reply, 99))}`);
  console.log(
    `  CPU               ${cpuMs.toFixed(3)} ms/event in the bot process  (target < ${TARGETS.cpuMsPerEvent}: ${verdict(cpuMs < TARGETS.cpuMsPerEvent)}); LINE side ${(r.driverCpuMs / events).toFixed(3)} ms/event`,
  );
  console.log(`  errors            ${failed} failed requests, ${errorLogs} error logs`);
  console.log(
    `  replies           ${r.replies} for ${events} events; members with a wrong count: ${r.wrongMembers}; processed_events rows: ${processed}`,
  );
  const exact = r.replies === events && r.wrongMembers === 0 && failed === 0 && processed === events;
  console.log(exact ? "  every event got exactly one reply" : "  MISMATCH: lost or doubled replies");
  return exact;
}

async function main(): Promise<void> {
  const [events, users, concurrency, warmup] = [args.events, args.users, args.concurrency, args.warmup].map(
    Number,
  ) as [number, number, number, number];
  const child = fork(process.argv[1]!, ["--driver"], { stdio: "inherit" });
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
      },
      { logger: quietLogger, schedulerIntervalMs: 0 },
    );
    const url = `${bot.url}/webhook`;
    await ask<RunResult>(child, {
      url,
      prefix: "warm",
      events: warmup,
      users: Math.min(users, 100),
      concurrency,
    });
    await bot.background.idle();
    const cpu0 = process.cpuUsage();
    const result = await ask<RunResult>(child, { url, prefix: "b", events, users, concurrency });
    await bot.background.idle();
    const cpu = process.cpuUsage(cpu0);
    const [{ processed = 0 } = {}] = await bot.db.select({ processed: count() }).from(processedEvents);
    const [{ synchronous } = { synchronous: "?" }] = await bot.db.all<{ synchronous: number }>(
      sql`PRAGMA synchronous`,
    );
    process.exitCode = report(result, events, (cpu.user + cpu.system) / 1000, processed - warmup, synchronous)
      ? 0
      : 1;
    await bot.close();
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (args.driver) await runDriver();
else await main();
