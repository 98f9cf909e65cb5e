// The load side of bench/webhook.ts, run in a child process (it stands for LINE's servers): posts
// pre-signed webhook bodies over keep-alive HTTP with bounded concurrency, one event at a time per
// member, and reports when each was sent (absolute time) and how long its response took.
import { Agent, request } from "node:http";

export interface Job {
  userId: string;
  body: string;
  signature: string;
}

export interface DriverResult {
  samples: Array<{ sentAt: number; responseMs: number; status: number }>;
  elapsedMs: number;
  cpuMs: number;
}

const now = () => performance.timeOrigin + performance.now();

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

async function drive(url: URL, jobs: Job[], concurrency: number): Promise<DriverResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const samples: DriverResult["samples"] = new Array(jobs.length);
  const busy = new Map<string, Promise<unknown>>();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  async function lane(): Promise<void> {
    while (next < jobs.length) {
      const i = next++;
      const job = jobs[i]!;
      await busy.get(job.userId);
      const sentAt = now();
      const done = post(url, agent, job).catch(() => 0);
      busy.set(job.userId, done);
      const status = await done;
      samples[i] = { sentAt, responseMs: now() - sentAt, status };
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  return { samples, elapsedMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Child-process main: one run per message from the parent. */
export function runDriver(): void {
  process.on("message", (m: { url: string; jobs: Job[]; concurrency: number }) => {
    void drive(new URL(m.url), m.jobs, m.concurrency).then((result) => process.send?.(result));
  });
}
