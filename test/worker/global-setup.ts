// Node side of the Worker suite: serves the real LINE emulator on loopback for the Worker's SDK
// client, and a small control API the tests (inside workerd, which cannot reach Node objects) use
// to get reply tokens and read what was delivered, plus a stand-in Turso endpoint.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { TestProject } from "vitest/node";
import type { LineEmulator } from "../../src/line/emulator/index.js";
import { startEmulatorServer } from "../helpers/emulator-server.js";
import { TEST_LINE } from "./line-credentials.js";

declare module "vitest" {
  export interface ProvidedContext {
    lineEmulatorOrigin: string;
    lineControlUrl: string;
  }
}

function controlApp(emulator: LineEmulator): Hono {
  const app = new Hono();
  // A stand-in for a Turso (libSQL over HTTP) server: it records what reached it, and fails.
  const libsqlRequests: Array<{ method: string; path: string; authorization: string | null }> = [];
  app.all("/libsql/*", (c) => {
    libsqlRequests.push({
      method: c.req.method,
      path: c.req.path,
      authorization: c.req.header("authorization") ?? null,
    });
    return c.json({ error: "not a real libSQL server" }, 503);
  });
  app.get("/libsql-requests", (c) => c.json(libsqlRequests));
  app.post("/reply-token", async (c) => {
    const { userId } = await c.req.json<{ userId: string }>();
    return c.json({ replyToken: emulator.issueReplyToken(userId) });
  });
  app.get("/deliveries", async (c) => {
    const userId = c.req.query("userId") ?? "";
    const sinceSeq = Number(c.req.query("sinceSeq") ?? 0);
    const waitMs = Number(c.req.query("waitMs") ?? 0);
    const deliveries =
      waitMs > 0
        ? await emulator.waitForDelivery(userId, sinceSeq, waitMs)
        : emulator.deliveries({ userId, sinceSeq });
    return c.json({ deliveries, lastSeq: emulator.lastSeq() });
  });
  return app;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const line = await startEmulatorServer({ channelAccessToken: TEST_LINE.channelAccessToken });
  const control = await new Promise<{ server: ReturnType<typeof serve>; url: string }>((resolve) => {
    const server = serve(
      { fetch: controlApp(line.emulator).fetch, port: 0, hostname: "127.0.0.1" },
      (info: AddressInfo) => resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
  project.provide("lineEmulatorOrigin", line.origin);
  project.provide("lineControlUrl", control.url);
  return async () => {
    await new Promise<void>((resolve) => control.server.close(() => resolve()));
    await line.close();
  };
}
