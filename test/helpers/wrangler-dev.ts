// Runs the project's wrangler as a user would (local D1 under a temporary --persist-to folder, a
// `wrangler dev` on loopback) for tests that need the real CLI and workerd rather than the pool.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WRANGLER = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");
/** No network noise: the machine is offline, and tests must never reach Cloudflare. */
export const QUIET_WRANGLER = {
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_METRICS: "false",
  CI: "1",
};

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end in the project folder, capturing its output. */
export function runCommand(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...QUIET_WRANGLER, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export function runWrangler(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return runCommand(process.execPath, [WRANGLER, ...args], env);
}

export interface WranglerDev {
  url: string;
  /** What the Worker logged so far (stdout and stderr of wrangler dev). */
  output(): string;
  close(): Promise<void>;
}

/** `wrangler dev --local` with the given vars; resolves once `ready(url)` says so. */
export async function startWranglerDev(options: {
  persistTo: string;
  vars: Record<string, string>;
  ready?: (url: string) => Promise<boolean>;
  extraArgs?: string[];
  timeoutMs?: number;
}): Promise<WranglerDev> {
  const port = 9000 + Math.floor(Math.random() * 900);
  const url = `http://127.0.0.1:${port}`;
  const varFlags = Object.entries(options.vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
  const args = [
    WRANGLER,
    ...`dev --local --ip 127.0.0.1 --port ${port} --persist-to ${options.persistTo}`.split(" "),
    "--inspector-port",
    String(port + 1000),
    "--show-interactive-dev-session=false",
    ...varFlags,
    ...(options.extraArgs ?? []),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...QUIET_WRANGLER },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const close = async () => {
    if (child.pid && child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
  };
  const ready =
    options.ready ??
    ((u: string) =>
      fetch(`${u}/health`)
        .then(() => true)
        .catch(() => false));
  const end = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}: ${output}`);
    if (await ready(url)) return { url, output: () => output, close };
    await new Promise((r) => setTimeout(r, 250));
  }
  await close();
  throw new Error(`wrangler dev did not start: ${output}`);
}
