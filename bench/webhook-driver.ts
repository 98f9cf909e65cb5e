// The LINE side of bench/webhook.ts, in a child process so its CPU is not counted as the bot's: it
// hosts the LINE emulator the bot replies to, makes and signs the webhook bodies (LINE's work),
// posts them over keep-alive HTTP with bounded concurrency (one event at a time per member), and
// stamps when each member's reply reached the emulator.
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
  prefix: string;
  events: number;
  users: number;
  concurrency: number;
}

export interface RunResult {
  samples: Array<{ userId: string; sentAt: number; responseMs: number; status: number; replyMs: number }>;
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
      webhookEventId: `${userId}-${n}`,
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

/** Sends one member's events one after another; waits for each reply before the next event. */
async function run(emulator: LineEmulator, r: RunRequest): Promise<RunResult> {
  const { jobs, ids } = await prepare(emulator, r);
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
  await new Promise((resolve) => setTimeout(resolve, 300)); // a late or doubled reply would show up here
  const perMember = ids.map((id) => emulator.deliveries({ userId: id }).length);
  const wrongMembers = perMember.filter((n, i) => n !== pending.get(ids[i]!)!.length).length;
  return {
    samples,
    elapsedMs,
    driverCpuMs: (cpu.user + cpu.system) / 1000,
    wrongMembers,
    replies: perMember.reduce((a, b) => a + b, 0),
  };
}

/** Child-process main: answers "ready" with the emulator's origin, then one result per run request. */
export async function runDriver(): Promise<void> {
  const server = await startEmulatorServer({ channelAccessToken: EMULATOR_ACCESS_TOKEN });
  process.on("message", (m: RunRequest) => {
    void run(server.emulator, m).then((result) => process.send?.(result));
  });
  process.send?.({ ready: true, origin: server.origin });
}
