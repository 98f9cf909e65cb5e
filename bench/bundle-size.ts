// Size of the Worker as Cloudflare would receive it: runs `wrangler deploy --dry-run --outdir dist`
// and reports the bundle raw and gzip-compressed (Workers Free allows 3 MB gzip, Paid 10 MB; our
// target is < 1 MB gzip so cold starts stay short). Usage: npm run bench:bundle
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = resolve(fileURLToPath(import.meta.url), "../..");
const OUT = join(ROOT, "dist");
const TARGET_GZIP_BYTES = 1024 * 1024;

function build(): string {
  const started = performance.now();
  const result = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", OUT], {
    cwd: ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
      WRANGLER_SEND_METRICS: "false",
      NO_COLOR: "1",
    },
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`wrangler deploy --dry-run failed with status ${result.status}`);
  }
  console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // wrangler's own figure, e.g. "Total Upload: 1434.00 KiB / gzip: 246.78 KiB"
  return /Total Upload:[^\n]*/.exec(result.stdout)?.[0] ?? "(wrangler printed no total)";
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function main(): void {
  const wranglerLine = build();
  const files = readdirSync(OUT).filter((f) => /\.(m?js|wasm)$/.test(f) && statSync(join(OUT, f)).isFile());
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(join(OUT, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    console.log(`  ${file.padEnd(24)} ${kib(bytes.length).padStart(12)} raw`);
  }
  const ok = gzip < TARGET_GZIP_BYTES;
  console.log(
    `Worker bundle: ${kib(raw)} raw, ${kib(gzip)} gzip (target < ${kib(TARGET_GZIP_BYTES)} gzip: ${ok ? "ok" : "MISSED"})`,
  );
  console.log(`wrangler: ${wranglerLine}`);
  process.exitCode = ok ? 0 : 1;
}

main();
