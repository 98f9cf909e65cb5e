// Serves a LINE emulator over real HTTP on an ephemeral port, mounted the way the bot's server mounts it.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import {
  createLineEmulator,
  LINE_EMULATOR_PREFIX,
  type LineEmulator,
  type LineEmulatorOptions,
  mountLineEmulator,
} from "../../src/line/emulator/index.js";

export interface EmulatorServer {
  /** Origin plus the /line-emulator prefix: the baseURL the bot is configured with. */
  url: string;
  /** Just the origin, where the SDK really sends (it drops the path of its baseURL). */
  origin: string;
  emulator: LineEmulator;
  close(): Promise<void>;
}

export interface EmulatorServerOptions extends LineEmulatorOptions {
  /** Also answer at "/" (what the SDK needs). Default true; false mounts under the prefix only. */
  rootMount?: boolean;
}

export async function startEmulatorServer(options: EmulatorServerOptions): Promise<EmulatorServer> {
  const { rootMount = true, ...emulatorOptions } = options;
  const emulator = createLineEmulator(emulatorOptions);
  const parent = new Hono();
  if (rootMount) mountLineEmulator(parent, emulator);
  else parent.route(LINE_EMULATOR_PREFIX, emulator.app);

  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const server = serve({ fetch: parent.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
        resolve({ server, port: info.port }),
      );
    },
  );
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${LINE_EMULATOR_PREFIX}`,
    origin,
    emulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
