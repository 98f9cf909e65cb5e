// CPU time of the Worker under `wrangler dev`, read from workerd's V8 through the inspector that
// wrangler exposes (Chrome DevTools Protocol, sampling profiler): the time V8 spent not idle, in JS,
// GC and native code of the isolate, between start() and stop(). Loopback only.
// `ws` comes with @libsql/client (Node 20 has no global WebSocket client).
import WebSocket from "ws";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface CpuFigures {
  /** CPU (non-idle) microseconds and wall microseconds of the profiled span. */
  cpuUs: number;
  wallUs: number;
  /** The five functions (self time) the isolate spent most on, for a hint where to look. */
  top: Array<{ name: string; us: number }>;
  /** The raw profile (Chrome DevTools .cpuprofile format). */
  profile: unknown;
}

export class WorkerdProfiler {
  private nextId = 0;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: unknown };
      if (message.id !== undefined) this.pending.get(message.id)?.(message.result ?? message.error);
    });
  }

  static async connect(inspectorPort: number): Promise<WorkerdProfiler> {
    const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as Array<{
      webSocketDebuggerUrl: string;
    }>;
    const url = targets[0]?.webSocketDebuggerUrl;
    if (!url || !/^ws:\/\/127\.0\.0\.1:/.test(url)) throw new Error("no loopback workerd inspector target");
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    const profiler = new WorkerdProfiler(socket);
    await profiler.send("Profiler.enable");
    await profiler.send("Profiler.setSamplingInterval", { interval: 1000 });
    return profiler;
  }

  private send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  start(): Promise<unknown> {
    return this.send("Profiler.start");
  }

  async stop(): Promise<CpuFigures> {
    const { profile } = (await this.send("Profiler.stop")) as { profile: Profile };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    let cpuUs = 0;
    profile.samples.forEach((nodeId, i) => {
      const node = byId.get(nodeId);
      const us = profile.timeDeltas[i + 1] ?? 0; // a sample's delta is the time until the next one
      const name = node?.callFrame.functionName || "(anonymous)";
      if (name === "(idle)") return;
      cpuUs += us;
      const key = `${name} ${node?.callFrame.url.split("/").pop() ?? ""}`.trim();
      self.set(key, (self.get(key) ?? 0) + us);
    });
    const top = [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([name, us]) => ({ name, us }));
    return { cpuUs, wallUs: profile.endTime - profile.startTime, top, profile };
  }

  close(): void {
    this.socket.close();
  }
}
