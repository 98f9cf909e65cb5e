// Webhook throughput and latency of the real Node stack on loopback: signature → dedupe → engine →
// libSQL (temp file) → real LINE SDK client → LINE emulator, all in this process. The load (what
// LINE's servers would do) comes from a child process, so the CPU figure is the bot's own (plus the
// emulator's). N signed text events from many members with bounded concurrency; each member's
// events are sent one after another. Prints events/s, p50/p99 of the webhook response and of
// "reply received by the emulator", CPU ms per event, errors, and checks that every event got
// exactly one reply. Usage: npm run bench:webhook -- [--events 3000] [--users 300] [--concurrency 32]
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { count, sql } from "drizzle-orm";
import { processedEvents } from "../db/schema.js";
import { DEV_CHANNEL_SECRET } from "../src/config.js";
import type { LineEmulator } from "../src/line/emulator/index.js";
import { startNode } from "../src/node.js";
import type { Logger } from "../src/ports.js";
import { sign } from "../src/webhook/signature.js";
import { type DriverResult, type Job, runDriver } from "./webhook-driver.js";

const TARGETS = { eventsPerSecond: 1_000, p99Ms: 20, cpuMsPerEvent: 2 };
const TEXTS = ["メニュー", "会費はいくらですか", "資格確認について教えてください", "こんにちは"];

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "3000" },
    users: { type: "string", default: "300" },
    concurrency: { type: "string", default: "32" },
    warmup: { type: "string", default: "300" },
    /** Experiment: override SQLite's `synchronous` (the app's default is FULL: an fsync per commit). */
    synchronous: { type: "string" },
    driver: { type: "boolean", default: false },
  },
});

const now = () => performance.timeOrigin + performance.now();
let errorLogs = 0;
const quietLogger: Logger = { info: () => {}, error: () => void errorLogs++ };

function textEvent(userId: string, text: string, replyToken: string, n: number) {
  return {
    type: "message",
    mode: "active",
    timestamp: Date.now(),
    webhookEventId: `${userId}-${n}`,
    deliveryContext: { isRedelivery: false },
    source: { type: "user", userId },
    replyToken,
    message: { type: "text", id: String(n), quoteToken: `q${n}`, text },
  };
}

/** Bodies, reply tokens and signatures are made before the clock starts: that is LINE's work. */
async function prepare(emulator: LineEmulator, prefix: string, events: number, users: number) {
  const ids = Array.from(
    { length: users },
    (_, i) => `U${prefix}${i.toString(16).padStart(31 - prefix.length, "0")}`,
  );
  const jobs: Job[] = [];
  for (let n = 0; n < events; n++) {
    const userId = ids[n % users]!;
    const body = JSON.stringify({
      destination: "Ubench",
      events: [textEvent(userId, TEXTS[n % TEXTS.length]!, emulator.issueReplyToken(userId), n)],
    });
    jobs.push({ userId, body, signature: await sign(body, DEV_CHANNEL_SECRET) });
  }
  return { jobs, ids };
}

/** Stamps the arrival time of every delivery to these members, in order. */
function watchReplies(emulator: LineEmulator, ids: string[]) {
  const arrivals = new Map<string, number[]>(ids.map((id) => [id, []]));
  let stopped = false;
  for (const id of ids) {
    void (async () => {
      let since = emulator.lastSeq();
      while (!stopped) {
        const got = await emulator.waitForDelivery(id, since, 1_000);
        const stamp = now();
        for (let i = 0; i < got.length; i++) arrivals.get(id)!.push(stamp);
        since = got.at(-1)?.seq ?? since;
      }
    })();
  }
  const stop = () => {
    stopped = true;
  };
  return { arrivals, stop };
}

function runInChild(
  child: ChildProcess,
  url: string,
  jobs: Job[],
  concurrency: number,
): Promise<DriverResult> {
  return new Promise((resolve) => {
    child.once("message", (m) => resolve(m as DriverResult));
    child.send({ url, jobs, concurrency });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");
const ms = (v: number) => `${v.toFixed(2)} ms`;

async function main(): Promise<void> {
  const [events, users, concurrency, warmup] = [args.events, args.users, args.concurrency, args.warmup].map(
    Number,
  ) as [number, number, number, number];
  const dir = mkdtempSync(join(tmpdir(), "helpdesk-bench-"));
  const bot = await startNode(
    { PORT: "0", DATABASE_URL: `file:${join(dir, "bench.db")}` },
    { logger: quietLogger },
  );
  if (args.synchronous)
    await bot.db.run(sql.raw(`PRAGMA synchronous = ${args.synchronous.replace(/\W/g, "")}`));
  const [{ synchronous } = { synchronous: "?" }] = await bot.db.all<{ synchronous: number }>(
    sql`PRAGMA synchronous`,
  );
  const child = fork(process.argv[1]!, ["--driver"], { stdio: "inherit" });
  try {
    const emulator = bot.emulator;
    if (!emulator) throw new Error("the benchmark needs emulator mode (unset LINE_CHANNEL_ACCESS_TOKEN)");
    const url = `${bot.url}/webhook`;
    await runInChild(
      child,
      url,
      (await prepare(emulator, "warm", warmup, Math.min(users, 100))).jobs,
      concurrency,
    );
    await bot.background.idle();

    const { jobs, ids } = await prepare(emulator, "b", events, users);
    const watch = watchReplies(emulator, ids);
    const cpu0 = process.cpuUsage();
    const result = await runInChild(child, url, jobs, concurrency);
    await bot.background.idle();
    const cpu = process.cpuUsage(cpu0);
    await new Promise((r) => setTimeout(r, 300)); // a late or doubled reply would show up here
    watch.stop();

    // The k-th reply to a member answers that member's k-th event (they are sent one at a time).
    const nth = new Map<string, number>();
    const replyMs = result.samples.map((s, i) => {
      const userId = jobs[i]!.userId;
      const k = nth.get(userId) ?? 0;
      nth.set(userId, k + 1);
      return (watch.arrivals.get(userId)![k] ?? Number.NaN) - s.sentAt;
    });
    const perUser = ids.map((id) => emulator.deliveries({ userId: id }).length);
    const expected = (i: number) => Math.floor(events / users) + (i < events % users ? 1 : 0);
    const wrongUsers = perUser.filter((n, i) => n !== expected(i)).length;
    const replies = perUser.reduce((a, b) => a + b, 0);
    const [{ processed = 0 } = {}] = await bot.db.select({ processed: count() }).from(processedEvents);
    const failed = result.samples.filter((s) => s.status !== 200).length;
    const resp = result.samples.map((s) => s.responseMs).sort((a, b) => a - b);
    const reply = replyMs.filter(Number.isFinite).sort((a, b) => a - b);
    const eps = events / (result.elapsedMs / 1000);
    const cpuMs = (cpu.user + cpu.system) / 1000 / events;
    const p99 = percentile(resp, 99);

    console.log(
      `webhook bench: ${events} events, ${users} members, concurrency ${concurrency}, SQLite synchronous=${synchronous} (Node ${process.version})`,
    );
    console.log(
      `  throughput        ${eps.toFixed(0)} events/s  (target ≥ ${TARGETS.eventsPerSecond}: ${verdict(eps >= TARGETS.eventsPerSecond)})`,
    );
    console.log(
      `  webhook response  p50 ${ms(percentile(resp, 50))}  p99 ${ms(p99)}  (target p99 < ${TARGETS.p99Ms} ms: ${verdict(p99 < TARGETS.p99Ms)})`,
    );
    console.log(`  reply at emulator p50 ${ms(percentile(reply, 50))}  p99 ${ms(percentile(reply, 99))}`);
    console.log(
      `  CPU               ${cpuMs.toFixed(3)} ms/event bot + emulator process  (target < ${TARGETS.cpuMsPerEvent}: ${verdict(cpuMs < TARGETS.cpuMsPerEvent)}); load driver ${(result.cpuMs / events).toFixed(3)} ms/event`,
    );
    console.log(`  errors            ${failed} failed requests, ${errorLogs} error logs`);
    console.log(
      `  replies           ${replies} for ${events} events; members with a wrong count: ${wrongUsers}; processed_events rows: ${processed - warmup}`,
    );
    const exact = replies === events && wrongUsers === 0 && failed === 0 && processed - warmup === events;
    console.log(exact ? "  every event got exactly one reply" : "  MISMATCH: lost or doubled replies");
    process.exitCode = exact ? 0 : 1;
  } finally {
    child.kill();
    await bot.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (args.driver) runDriver();
else await main();
