// Broadcast fan-out benchmark: 50,000 members in a temp libSQL file, one broadcast to all of them,
// sent through the real SDK messenger to the in-process LINE emulator (record mode "count").
// Prints wall time, multicast calls (must be ceil(n / 500)) and peak memory.
//   npm run bench:broadcast            (MEMBERS=10000 npm run bench:broadcast for a smaller run)
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import * as schema from "../db/schema.js";
import { buildMessages } from "../src/broadcast/messages.js";
import { runScheduledBroadcasts } from "../src/broadcast/run.js";
import { createLineEmulator, mountLineEmulator } from "../src/line/emulator/index.js";
import { createLineMessenger } from "../src/line/messenger.js";
import { openDatabase } from "../src/node.js";
import { systemClock } from "../src/ports.js";
import { CHUNK_SIZE } from "../src/store/broadcast-chunks.js";
import { createDraft, getBroadcast, scheduleBroadcast } from "../src/store/broadcasts.js";

const MEMBERS = Number(process.env.MEMBERS ?? 50_000);
const TOKEN = "bench-token";

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-broadcast-"));
  const database = await openDatabase(`file:${join(dir, "bench.db")}`);
  const emulator = createLineEmulator({ channelAccessToken: TOKEN, record: "count" });
  const parent = new Hono();
  mountLineEmulator(parent, emulator);
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const s = serve({ fetch: parent.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
        resolve({ server: s, port: info.port }),
      );
    },
  );
  const messenger = createLineMessenger({ channelAccessToken: TOKEN, baseURL: `http://127.0.0.1:${port}` });
  const logger = { info: () => {}, error: (event: string) => console.error(event) };

  const seedStart = performance.now();
  const now = new Date().toISOString();
  for (let i = 0; i < MEMBERS; i += 1_000) {
    const rows = Array.from({ length: Math.min(1_000, MEMBERS - i) }, (_, k) => ({
      userId: `U${(i + k).toString(16).padStart(32, "0")}`,
      journeyStep: "registered",
      createdAt: now,
    }));
    await database.db.insert(schema.members).values(rows);
  }
  const seedMs = performance.now() - seedStart;

  const id = await createDraft(
    database.db,
    {
      messages: buildMessages({ text: "総合ポータルサイトの運用再開について" }),
      audience: { kind: "all" },
      createdBy: 1,
    },
    new Date(),
  );
  await scheduleBroadcast(database.db, id, new Date());
  const timer = setInterval(sample, 20);
  sample();
  const start = performance.now();
  const finished = await runScheduledBroadcasts({ db: database.db, messenger, clock: systemClock, logger });
  const wallMs = performance.now() - start;
  clearInterval(timer);
  sample();

  const broadcast = await getBroadcast(database.db, id);
  const calls = emulator.stats().requests["/v2/bot/message/multicast"] ?? 0;
  const expected = Math.ceil(MEMBERS / CHUNK_SIZE);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log(
    `members            ${MEMBERS.toLocaleString("en-US")} (seeded in ${(seedMs / 1000).toFixed(2)} s)`,
  );
  console.log(
    `broadcast          ${broadcast?.status}, sent ${broadcast?.sentCount} of ${broadcast?.recipientCount}`,
  );
  console.log(
    `wall time          ${(wallMs / 1000).toFixed(2)} s (${Math.round(MEMBERS / (wallMs / 1000)).toLocaleString("en-US")} recipients/s)`,
  );
  console.log(`multicast calls    ${calls} (expected ceil(${MEMBERS}/${CHUNK_SIZE}) = ${expected})`);
  console.log(`recipients counted ${emulator.totalUsage()}`);
  console.log(`peak RSS           ${mb(Math.max(peakRss, process.resourceUsage().maxRSS * 1024))}`);
  console.log(`peak heap used     ${mb(peakHeap)}`);

  await new Promise<void>((r) => server.close(() => r()));
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  const ok =
    finished === 1 &&
    calls === expected &&
    broadcast?.sentCount === MEMBERS &&
    emulator.totalUsage() === MEMBERS;
  if (!ok) {
    console.error("FAILED: the fan-out did not send every chunk exactly once");
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
