// The LINE side of bench/webhook.ts, in a child process so its CPU is not counted as the bot's: it
// hosts the LINE emulator the bot replies to, makes and signs the webhook bodies (LINE's work) and
// posts them over keep-alive HTTP in one of two ways:
// - "closed": `concurrency` members chat at once, each waiting for the bot's reply before its next
//   message — this finds the most events per second the bot can take;
// - "paced": events leave at a fixed rate whatever the bot does, as LINE delivers them — this shows
//   the webhook's latency at a given load (timed from when each event was due, so a stall that
//   delays later sends counts against the bot, not in its favour).
import { Agent, request } from "node:http";
import { DEV_CHANNEL_SECRET, EMULATOR_ACCESS_TOKEN } from "../src/config.js";
import type { LineEmulator } from "../src/line/emulator/index.js";
import { sign } from "../src/webhook/signature.js";
import { startEmulatorServer } from "../test/helpers/emulator-server.js";

export interface Job {
  userId: string;
  body: string;
  signature: string;
}

export interface RunRequest {
  url: string;
  /** Names this run's event ids. */
  run: string;
  /** Names the members; runs with the same prefix talk as the same members. */
  prefix: string;
  events: number;
  users: number;
  mode: "closed" | "paced";
  /** closed: members chatting at once. */
  concurrency: number;
  /** paced: events per second offered. */
  rate: number;
}

export interface RunResult {
  samples: Array<{
    userId: string;
    sentAt: number;
    responseMs: number;
    status: number;
    replyMs: number;
    /** paced: how late the driver itself sent the event (its own stalls, not the bot's). */
    sendLagMs?: number;
  }>;
  elapsedMs: number;
  driverCpuMs: number;
  /** Replies the emulator received per member, and what was expected. */
  wrongMembers: number;
  replies: number;
}

const TEXTS = ["メニュー", "会費はいくらですか", "資格確認について教えてください", "こんにちは"];
const now = () => performance.timeOrigin + performance.now();

async function prepare(emulator: LineEmulator, r: RunRequest): Promise<{ jobs: Job[]; ids: string[] }> {
  const ids = Array.from(
    { length: r.users },
    (_, i) => `U${r.prefix}${i.toString(16).padStart(31 - r.prefix.length, "0")}`,
  );
  const jobs: Job[] = [];
  for (let n = 0; n < r.events; n++) {
    const userId = ids[n % r.users]!;
    const event = {
      type: "message",
      mode: "active",
      timestamp: Date.now(),
      webhookEventId: `${r.run}-${userId}-${n}`,
      deliveryContext: { isRedelivery: false },
      source: { type: "user", userId },
      replyToken: emulator.issueReplyToken(userId),
      message: { type: "text", id: String(n), quoteToken: `q${n}`, text: TEXTS[n % TEXTS.length] },
    };
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
        "content-length": Buffer.byteLength(job.body),
        "x-line-signature": job.signature,
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

async function run(emulator: LineEmulator, r: RunRequest): Promise<RunResult> {
  const { jobs, ids } = await prepare(emulator, r);
  // Replies are counted from here: an earlier run may have talked with the same members.
  const since = emulator.lastSeq();
  const result = await (r.mode === "paced" ? paced(emulator, r, jobs) : closed(emulator, r, jobs, ids));
  await new Promise((resolve) => setTimeout(resolve, 300)); // a late or doubled reply would show up here
  const expected = new Map<string, number>();
  for (const job of jobs) expected.set(job.userId, (expected.get(job.userId) ?? 0) + 1);
  const perMember = ids.map((id) => emulator.deliveries({ userId: id, sinceSeq: since }).length);
  return {
    ...result,
    wrongMembers: perMember.filter((n, i) => n !== (expected.get(ids[i]!) ?? 0)).length,
    replies: perMember.reduce((a, b) => a + b, 0),
  };
}

/** Sends one member's events one after another; waits for each reply before the next event. */
/** What a load run measures; run() adds the reply count. */
type LoadResult = Omit<RunResult, "wrongMembers" | "replies">;

async function closed(
  emulator: LineEmulator,
  r: RunRequest,
  jobs: Job[],
  ids: string[],
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: r.concurrency });
  const samples: RunResult["samples"] = new Array(jobs.length);
  const pending = new Map<string, number[]>(ids.map((id) => [id, []]));
  for (const [i, job] of jobs.entries()) pending.get(job.userId)!.push(i);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let lane = 0;
  async function member(userId: string): Promise<void> {
    for (const i of pending.get(userId)!) {
      const since = emulator.lastSeq();
      const sentAt = now();
      const status = await post(new URL(r.url), agent, jobs[i]!).catch(() => 0);
      const responseMs = now() - sentAt;
      const got = status === 200 ? await emulator.waitForDelivery(userId, since, 5_000) : [];
      samples[i] = {
        userId,
        sentAt,
        responseMs,
        status,
        replyMs: got.length > 0 ? now() - sentAt : Number.NaN,
      };
    }
  }
  // `concurrency` members chat at once; the next member starts when one finishes.
  async function worker(): Promise<void> {
    while (lane < ids.length) await member(ids[lane++]!);
  }
  await Promise.all(Array.from({ length: Math.min(r.concurrency, ids.length) }, worker));
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  return { samples, elapsedMs, driverCpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * Sends event i at t0 + i/rate on its own connection slot, without waiting for earlier answers.
 * responseMs runs from when the event was due; replyMs from the same moment to its reply.
 */
async function paced(emulator: LineEmulator, r: RunRequest, jobs: Job[]): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const url = new URL(r.url);
  const samples: RunResult["samples"] = new Array(jobs.length);
  const intervalMs = 1000 / r.rate;
  const inFlight: Promise<void>[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const origin = performance.timeOrigin;
  const send = (i: number) => {
    const job = jobs[i]!;
    const dueAt = origin + t0 + i * intervalMs;
    const since = emulator.lastSeq();
    const sendLagMs = now() - dueAt;
    return post(url, agent, job)
      .catch(() => 0)
      .then(async (status) => {
        const responseMs = now() - dueAt;
        const got = status === 200 ? await emulator.waitForDelivery(job.userId, since, 5_000) : [];
        const replyMs = got.length > 0 ? now() - dueAt : Number.NaN;
        samples[i] = { userId: job.userId, sentAt: dueAt, responseMs, status, replyMs, sendLagMs };
      });
  };
  let next = 0;
  while (next < jobs.length) {
    const due = Math.floor((performance.now() - t0) / intervalMs) + 1;
    while (next < Math.min(due, jobs.length)) inFlight.push(send(next++));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  return { samples, elapsedMs, driverCpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Child-process main: answers "ready" with the emulator's origin, then one result per run request. */
export async function runDriver(): Promise<void> {
  const server = await startEmulatorServer({ channelAccessToken: EMULATOR_ACCESS_TOKEN });
  process.on("message", (m: RunRequest) => {
    void run(server.emulator, m).then((result) => process.send?.(result));
  });
  process.send?.({ ready: true, origin: server.origin });
}
