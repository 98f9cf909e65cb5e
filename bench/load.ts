// Load test: thousands of members chatting at once, as signed LINE webhooks (one event per request,
// members' events interleaved, `--concurrency` requests in flight), against the Node server or the
// Worker under `wrangler dev` (local D1), each with a LINE emulator that records every reply. Prints
// throughput, webhook latency p50/p95/p99 and errors; non-2xx answers are redelivered like LINE
// does; then checks every event got exactly one reply. Loopback only: it never sends anywhere else.
// `--target floor` runs bench/floor's minimal Worker (the same I/O and crypto per event, none of our
// code) the same way: the platform's own CPU per event on this machine, to read the Worker's figure by.
// Usage: npm run bench:load -- --target node|wrangler|floor --events 5000 --users 2000 --concurrency 64
//        [--cpuprofile worker.cpuprofile]  (wrangler: the workerd profile, for Chrome DevTools)
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEV_CHANNEL_SECRET } from "../src/config.js";
import type { LineEmulator } from "../src/line/emulator/index.js";
import { startNode } from "../src/node.js";
import { sign } from "../src/webhook/signature.js";
import { startEmulatorServer } from "../test/helpers/emulator-server.js";
import { type CpuFigures, WorkerdProfiler } from "./workerd-profile.js";

const TEXTS = ["メニュー", "補助金はいくら？", "登録", "進み具合", "リンクの有効期限は？", "こんにちは"];
const WORKER_LINE = { secret: "load-bench-channel-secret", token: "load-bench-access-token" };
const { values: args } = parseArgs({
  options: {
    target: { type: "string", default: "node" },
    events: { type: "string", default: "5000" },
    users: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "64" },
    port: { type: "string", default: "0" },
    /** Writes the workerd profile there (open it in Chrome DevTools → Performance). */
    cpuprofile: { type: "string" },
    /** Without the inspector's sampling profiler (which slows the isolate): only the /proc figure. */
    "no-profile": { type: "boolean", default: false },
  },
});

interface Target {
  url: string;
  /** wrangler dev's inspector port (workerd's V8), for the CPU profile. */
  inspectorPort?: number;
  secret: string;
  emulator: LineEmulator;
  /** Resolves when the bot has nothing left to send (Node), or after the replies stop coming. */
  settle(expected: number): Promise<void>;
  /** CPU seconds the workerd processes used so far (wrangler: every isolate, local D1 included). */
  processCpu?(): number;
  close(): Promise<void>;
}

/** Only loopback addresses: a load test must never reach a real server by mistake. */
export function assertLoopback(raw: string): URL {
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!(host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host))) {
    throw new Error(`refusing a non-loopback URL: ${url.origin}`);
  }
  return url;
}

/** The bot's error log lines by event name (Node target; they carry no personal data by design). */
const botErrors = new Map<string, number>();

async function nodeTarget(dir: string): Promise<Target> {
  const quiet = {
    info: () => {},
    error: (event: string) => void botErrors.set(event, (botErrors.get(event) ?? 0) + 1),
  };
  const env = { PORT: args.port!, DATABASE_URL: `file:${join(dir, "load.db")}` };
  const bot = await startNode(env, { logger: quiet, schedulerIntervalMs: 0 });
  if (!bot.emulator) throw new Error("the Node target needs emulator mode (unset LINE_CHANNEL_ACCESS_TOKEN)");
  return {
    url: bot.url.replace("localhost", "127.0.0.1"),
    secret: DEV_CHANNEL_SECRET,
    emulator: bot.emulator,
    settle: () => bot.background.idle(),
    close: () => bot.close(),
  };
}

/** `floor`: bench/floor's minimal Worker (the platform's own cost per event on this machine). */
async function wranglerTarget(dir: string, floor = false): Promise<Target> {
  const line = await startEmulatorServer({ channelAccessToken: WORKER_LINE.token });
  assertLoopback(line.origin);
  const port = Number(args.port) || 8800 + Math.floor(Math.random() * 1000);
  const quietWrangler = { CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", CI: "1" };
  const env = { ...process.env, ...quietWrangler };
  if (!floor) await run(["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", dir], env);
  const vars = {
    LINE_API_BASE_URL: line.origin,
    LINE_CHANNEL_SECRET: WORKER_LINE.secret,
    LINE_CHANNEL_ACCESS_TOKEN: WORKER_LINE.token,
    // Sealing on, as in production: its cost is part of the CPU per event.
    DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    APP_ENV: "production",
  };
  const inspectorPort = port + 1000;
  const flags =
    `dev --local --ip 127.0.0.1 --port ${port} --inspector-port ${inspectorPort} --persist-to ${dir} --log-level error`.split(
      " ",
    );
  const varFlags = Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
  const config = floor ? ["--config", "bench/floor/wrangler.toml"] : [];
  const dev = ["wrangler", ...flags, ...config, "--show-interactive-dev-session=false", ...varFlags];
  const child = spawn("npx", dev, { env, detached: true, stdio: ["ignore", "ignore", "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child);
  return {
    url,
    inspectorPort,
    secret: WORKER_LINE.secret,
    emulator: line.emulator,
    settle: (expected) => repliesSettled(line.emulator, expected),
    processCpu: () => workerdCpuSeconds(child.pid!),
    async close() {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
      await line.close();
    },
  };
}

/** utime + stime of the workerd processes in wrangler's process group, from /proc (Linux). */
function workerdCpuSeconds(group: number): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // fields[2] is the process group; [11] utime and [12] stime, in clock ticks.
      if (name.startsWith("workerd") && Number(fields[2]) === group)
        ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended between readdir and read
    }
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

function run(command: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", command, { env, stdio: ["ignore", "ignore", "inherit"] });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command.join(" ")} exited ${code}`)),
    );
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/health`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("wrangler dev did not become healthy");
}

/** Waits until `expected` deliveries arrived, or until none arrived for 3 s. */
async function repliesSettled(emulator: LineEmulator, expected: number): Promise<void> {
  let last = -1;
  let still = 0;
  while (emulator.lastSeq() < expected && still < 30) {
    await new Promise((r) => setTimeout(r, 100));
    still = emulator.lastSeq() === last ? still + 1 : 0;
    last = emulator.lastSeq();
  }
  await new Promise((r) => setTimeout(r, 500)); // a late duplicate would show up here
}

interface Job {
  n: number;
  userId: string;
  text: string;
  eventId: string;
}

function post(url: URL, agent: Agent, body: string, signature: string): Promise<number> {
  return new Promise((resolve) => {
    const headers = {
      "content-type": "application/json",
      "x-line-signature": signature,
      "content-length": Buffer.byteLength(body),
    };
    const req = request(url, { method: "POST", agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

/** Sends each job once, `concurrency` at a time; returns each job's status and latency. */
async function drive(target: Target, jobs: Job[], concurrency: number, redelivery: boolean) {
  const url = assertLoopback(`${target.url}/webhook`);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const results: Array<{ job: Job; status: number; ms: number }> = [];
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const event = {
        type: "message",
        mode: "active",
        timestamp: Date.now(),
        webhookEventId: job.eventId,
        deliveryContext: { isRedelivery: redelivery },
        source: { type: "user", userId: job.userId },
        replyToken: target.emulator.issueReplyToken(job.userId),
        message: { type: "text", id: String(job.n), text: job.text },
      };
      const body = JSON.stringify({ destination: "Uloadbench", events: [event] });
      const t0 = performance.now();
      const status = await post(url, agent, body, await sign(body, target.secret));
      results.push({ job, status, ms: performance.now() - t0 });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  agent.destroy();
  return results;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]?.toFixed(1) ?? "-";
/** Map.groupBy is Node 21+. */
function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.get(k)?.push(item) ?? groups.set(k, [item]);
  }
  return groups;
}
const tally = <T>(items: T[], key: (t: T) => string) =>
  [...groupBy(items, key)].map(([k, list]) => `${k}×${list.length}`).join(", ") || "none";

/** A few events of other members, so the profiled run starts with a warm isolate. */
async function warmUp(target: Target): Promise<void> {
  const seq = target.emulator.lastSeq();
  await drive(target, makeJobs(60, 30), 8, false);
  await target.settle(seq + 60);
}

/** Members' events interleaved: event n is member n % users's, texts rotating through TEXTS. */
function makeJobs(events: number, users: number): Job[] {
  const run = crypto.randomUUID().slice(0, 8);
  return Array.from({ length: events }, (_, n) => ({
    n,
    userId: `U${run}${(n % users).toString(16).padStart(24, "0")}`,
    text: TEXTS[(n + Math.floor(n / users)) % TEXTS.length]!,
    eventId: `01LOAD${run}${n.toString(36).padStart(12, "0")}`.toUpperCase(),
  }));
}

/** Replies missing or extra per member, against the number of events each member sent. */
function countMismatches(emulator: LineEmulator, jobs: Job[], sinceSeq: number) {
  let lost = 0;
  let doubled = 0;
  for (const [userId, mine] of groupBy(jobs, (j) => j.userId)) {
    const got = emulator.deliveries({ userId, sinceSeq }).length;
    lost += Math.max(0, mine.length - got);
    doubled += Math.max(0, got - mine.length);
  }
  return { lost, doubled };
}

async function main(): Promise<void> {
  const [events, users, concurrency] = [Number(args.events), Number(args.users), Number(args.concurrency)];
  if (!["node", "wrangler", "floor"].includes(args.target!))
    throw new Error("--target is node, wrangler or floor");
  const dir = mkdtempSync(join(tmpdir(), "helpdesk-load-"));
  const target =
    args.target === "node" ? await nodeTarget(dir) : await wranglerTarget(dir, args.target === "floor");
  try {
    assertLoopback(target.url);
    const jobs = makeJobs(events, users);
    // The isolate's first requests (module start, JIT warm-up) are not what a steady event costs.
    if (target.inspectorPort) await warmUp(target);
    const profiler =
      target.inspectorPort && !args["no-profile"]
        ? await WorkerdProfiler.connect(target.inspectorPort)
        : undefined;
    await profiler?.start();
    const cpu0 = target.processCpu?.();
    const seq0 = target.emulator.lastSeq();
    const t0 = performance.now();
    const results = await drive(target, jobs, concurrency, false);
    const elapsed = (performance.now() - t0) / 1000;
    const failed = results.filter((r) => r.status !== 200).map((r) => r.job);
    const again = failed.length > 0 ? await drive(target, failed, concurrency, true) : [];
    await target.settle(seq0 + events);
    const cpu: CpuFigures | undefined = await profiler?.stop();
    const processCpu = cpu0 === undefined ? undefined : target.processCpu!() - cpu0;
    profiler?.close();

    const got = target.emulator.deliveries({ sinceSeq: seq0 });
    const { lost, doubled } = countMismatches(target.emulator, jobs, seq0);
    const ms = results.map((r) => r.ms).sort((a, b) => a - b);
    const stillFailing = again.filter((r) => r.status !== 200).length;
    console.log(
      `load bench [${args.target}]: ${events} events, ${users} members, concurrency ${concurrency}`,
    );
    console.log(`  throughput   ${(events / elapsed).toFixed(0)} events/s (${elapsed.toFixed(1)} s)`);
    console.log(
      `  latency      p50 ${pct(ms, 50)} ms  p95 ${pct(ms, 95)} ms  p99 ${pct(ms, 99)} ms  max ${pct(ms, 100)} ms`,
    );
    console.log(`  answers      ${tally(results, (r) => String(r.status || "no answer"))}`);
    console.log(`  redelivered  ${failed.length} (as LINE does), ${stillFailing} still failing`);
    console.log(
      `  replies      ${got.length} for ${events} events (${tally(got, (d) => d.via)}); lost ${lost}, doubled ${doubled}`,
    );
    if (args.target === "node")
      console.log(`  bot errors   ${[...botErrors].map(([e, n]) => `${e}×${n}`).join(", ") || "none"}`);
    if (cpu && args.cpuprofile) writeFileSync(args.cpuprofile, JSON.stringify(cpu.profile));
    if (cpu) {
      const perEvent = cpu.cpuUs / 1000 / (events + failed.length);
      console.log(
        `  worker CPU   ${perEvent.toFixed(2)} ms per event (sealing on; workerd inspector profile, ${(cpu.cpuUs / 1000).toFixed(0)} ms CPU in ${(cpu.wallUs / 1e6).toFixed(1)} s; goal ≤ 2 ms)`,
      );
      console.log(
        `  CPU top      ${cpu.top.map((t) => `${t.name} ${(t.us / 1000).toFixed(0)} ms`).join(" · ")}`,
      );
    }
    if (processCpu !== undefined)
      console.log(
        `  workerd CPU  ${((processCpu * 1000) / (events + failed.length)).toFixed(2)} ms per event (the whole workerd process from /proc: every isolate, local D1's SQLite, the dev proxy; an upper bound)`,
      );
    const exact = lost === 0 && doubled === 0 && got.length === events;
    console.log(exact ? "  every event got exactly one reply" : "  MISMATCH: lost or doubled replies");
    process.exitCode = exact ? 0 : 1;
  } finally {
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
