// Webhook throughput and latency of the real Node stack, all in one process on loopback:
// signature → dedupe → engine → libSQL (temp file) → real LINE SDK client → LINE emulator.
// N signed text events from many members with bounded concurrency; each member's events run one
// after another, as a person waits for the answer. Prints events/s, p50/p99 of the webhook
// response and of "reply received by the emulator", CPU ms per event, errors, and checks that every
// event got exactly one reply. Usage: npm run bench:webhook -- [--events 3000] [--users 300] [--concurrency 32]
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { count } from "drizzle-orm";
import { processedEvents } from "../db/schema.js";
import { DEV_CHANNEL_SECRET } from "../src/config.js";
import type { LineEmulator } from "../src/line/emulator/index.js";
import { type RunningBot, startNode } from "../src/node.js";
import type { Logger } from "../src/ports.js";
import { sign } from "../src/webhook/signature.js";

const TARGETS = { eventsPerSecond: 1_000, p99Ms: 20, cpuMsPerEvent: 2 };
const TEXTS = ["メニュー", "会費はいくらですか", "資格確認について教えてください", "こんにちは"];

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "3000" },
    users: { type: "string", default: "300" },
    concurrency: { type: "string", default: "32" },
    warmup: { type: "string", default: "300" },
  },
});

interface Sample {
  responseMs: number;
  replyMs: number;
  ok: boolean;
}

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

interface Job {
  userId: string;
  body: string;
  signature: string;
}

/** Bodies, reply tokens and signatures are made before the clock starts: that is LINE's work, not ours. */
async function prepare(
  emulator: LineEmulator,
  prefix: string,
  events: number,
  users: number,
): Promise<{ jobs: Job[]; ids: string[] }> {
  const ids = Array.from(
    { length: users },
    (_, i) => `U${prefix}${i.toString(16).padStart(32 - 1 - prefix.length, "0")}`,
  );
  const jobs: Job[] = [];
  for (let n = 0; n < events; n++) {
    const userId = ids[n % users]!;
    const event = textEvent(userId, TEXTS[n % TEXTS.length]!, emulator.issueReplyToken(userId), n);
    const body = JSON.stringify({ destination: "Ubench", events: [event] });
    jobs.push({ userId, body, signature: await sign(body, DEV_CHANNEL_SECRET) });
  }
  return { jobs, ids };
}

function post(url: URL, agent: Agent, job: Job): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: "POST",
      agent,
      headers: {
        "content-type": "application/json",
        "x-line-signature": job.signature,
        "content-length": Buffer.byteLength(job.body),
      },
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(job.body);
  });
}

/** Sends one event; measures until the response, and until its reply reached the emulator. */
async function sendOne(
  url: URL,
  agent: Agent,
  emulator: LineEmulator,
  job: Job,
  seen: Map<string, number>,
): Promise<Sample> {
  const t0 = performance.now();
  const replied = emulator
    .waitForDelivery(job.userId, seen.get(job.userId) ?? 0, 10_000)
    .then((d) => ({ d, at: performance.now() }));
  const status = await post(url, agent, job);
  const t1 = performance.now();
  const { d, at } = await replied;
  const last = d.at(-1);
  if (last) seen.set(job.userId, last.seq);
  return { responseMs: t1 - t0, replyMs: at - t0, ok: status === 200 && d.length > 0 };
}

/** Runs the jobs with at most `concurrency` in flight, one at a time per member. */
async function drive(
  bot: RunningBot,
  emulator: LineEmulator,
  jobs: Job[],
  concurrency: number,
): Promise<Sample[]> {
  const url = new URL("/webhook", bot.url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const busy = new Map<string, Promise<unknown>>();
  const seen = new Map<string, number>();
  const samples: Sample[] = [];
  let next = 0;
  async function lane() {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      await busy.get(job.userId);
      const p = sendOne(url, agent, emulator, job, seen).catch(() => ({
        responseMs: 0,
        replyMs: 0,
        ok: false,
      }));
      busy.set(job.userId, p);
      samples.push(await p);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  agent.destroy();
  return samples;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function verdict(ok: boolean): string {
  return ok ? "ok" : "MISSED";
}

async function main(): Promise<void> {
  const events = Number(args.events);
  const users = Number(args.users);
  const concurrency = Number(args.concurrency);
  const dir = mkdtempSync(join(tmpdir(), "helpdesk-bench-"));
  const bot = await startNode(
    { PORT: "0", DATABASE_URL: `file:${join(dir, "bench.db")}` },
    { logger: quietLogger },
  );
  const emulator = bot.emulator;
  if (!emulator) throw new Error("the benchmark needs emulator mode (unset LINE_CHANNEL_ACCESS_TOKEN)");
  try {
    const warm = await prepare(emulator, "warm", Number(args.warmup), Math.min(users, 100));
    await drive(bot, emulator, warm.jobs, concurrency);
    await bot.background.idle();
    const { jobs, ids } = await prepare(emulator, "b", events, users);
    const seqBefore = emulator.lastSeq();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const samples = await drive(bot, emulator, jobs, concurrency);
    const elapsedMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    await bot.background.idle();
    await new Promise((r) => setTimeout(r, 200)); // a late duplicate reply would show up here

    const perUser = ids.map((id) => emulator.deliveries({ userId: id }).length);
    const expected = ids.map((_, i) => Math.floor(events / users) + (i < events % users ? 1 : 0));
    const wrongUsers = perUser.filter((n, i) => n !== expected[i]).length;
    const replies = emulator.deliveries({ sinceSeq: seqBefore });
    const [{ processed = 0 } = {}] = await bot.db.select({ processed: count() }).from(processedEvents);
    const failed = samples.filter((s) => !s.ok).length;
    const resp = samples.map((s) => s.responseMs).sort((a, b) => a - b);
    const reply = samples.map((s) => s.replyMs).sort((a, b) => a - b);
    const eps = events / (elapsedMs / 1000);
    const cpuMs = (cpu.user + cpu.system) / 1000 / events;
    const p99 = percentile(resp, 99);

    console.log(
      `webhook bench: ${events} events, ${users} members, concurrency ${concurrency} (Node ${process.version})`,
    );
    console.log(
      `  throughput        ${eps.toFixed(0)} events/s  (target ≥ ${TARGETS.eventsPerSecond}: ${verdict(eps >= TARGETS.eventsPerSecond)})`,
    );
    console.log(
      `  webhook response  p50 ${percentile(resp, 50).toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  (target p99 < ${TARGETS.p99Ms}: ${verdict(p99 < TARGETS.p99Ms)})`,
    );
    console.log(
      `  reply at emulator p50 ${percentile(reply, 50).toFixed(2)} ms  p99 ${percentile(reply, 99).toFixed(2)} ms`,
    );
    console.log(
      `  CPU               ${cpuMs.toFixed(3)} ms/event, whole process: server, emulator and load driver  (target < ${TARGETS.cpuMsPerEvent}: ${verdict(cpuMs < TARGETS.cpuMsPerEvent)})`,
    );
    console.log(`  errors            ${failed} failed requests, ${errorLogs} error logs`);
    console.log(
      `  replies           ${replies.length} for ${events} events (${replies.filter((d) => d.via === "reply").length} via reply token); members with a wrong count: ${wrongUsers}`,
    );
    console.log(`  processed_events  ${processed - Number(args.warmup)} rows for this run`);
    const exact = replies.length === events && wrongUsers === 0 && failed === 0;
    console.log(exact ? "  every event got exactly one reply" : "  MISMATCH: lost or doubled replies");
    process.exitCode = exact ? 0 : 1;
  } finally {
    await bot.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
