// A staff-area test rig without the whole bot: a temp libSQL database (migrated), the LINE emulator
// over real HTTP driven by the real SDK messenger, a movable clock, and the /admin app. Helpers seed
// members and staff and sign in with the real forms (CSRF and cookies included).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { Hono } from "hono";
import * as schema from "../../db/schema.js";
import { hashPassword } from "../../src/admin/auth/password.js";
import type { AdminDeps } from "../../src/admin/deps.js";
import { adminRoute } from "../../src/admin/index.js";
import { lineQuota } from "../../src/admin/quota.js";
import type { ExemptionReason, JourneyStep, RegistrationAnswers } from "../../src/engine/types.js";
import { createLineMessenger } from "../../src/line/messenger.js";
import type { Clock, Logger, Messenger } from "../../src/ports.js";
import { plainCipher } from "../../src/store/cipher.js";
import { type Database, runBatch } from "../../src/store/database.js";
import { searchIndexFor, searchIndexStatements } from "../../src/store/search-index.js";
import { createStaff, type StaffRole } from "../../src/store/staff.js";
import { type EmulatorServer, startEmulatorServer } from "../helpers/emulator-server.js";

export const TOKEN = "harness-access-token";
const MIGRATIONS = fileURLToPath(new URL("../../db/migrations", import.meta.url));

/** Like openDatabase in src/node.ts, without importing the whole bot. */
export async function openTestDatabase(file: string): Promise<{ db: Database; close(): void }> {
  const client = createClient({ url: `file:${file}` });
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA busy_timeout = 5000");
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
  return { db, close: () => client.close() };
}

export class MovableClock implements Clock {
  constructor(private current = new Date("2026-11-25T01:00:00.000Z")) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface Harness {
  app: Hono;
  db: Database;
  deps: AdminDeps;
  clock: MovableClock;
  emulator: EmulatorServer;
  messenger: Messenger;
  logs: string[];
  dir: string;
  close(): Promise<void>;
}

/** The address a test request comes from (the harness reads it as the client address). */
export const CLIENT_HEADER = "x-test-client";
/** What a browser sends with a form post from the staff pages (hono/csrf checks it). */
export const ORIGIN = "http://localhost";

export async function startHarness(
  options: { secureCookies?: boolean; record?: "full" | "count"; dir?: string } = {},
): Promise<Harness> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "admin-test-"));
  const database = await openTestDatabase(join(dir, "admin.db"));
  const emulator = await startEmulatorServer({ channelAccessToken: TOKEN, record: options.record });
  const messenger = createLineMessenger(
    { channelAccessToken: TOKEN, baseURL: emulator.url },
    { attempts: 4, baseDelayMs: 1 },
  );
  const clock = new MovableClock();
  const logs: string[] = [];
  const logger: Logger = {
    info: (event, fields) => logs.push(JSON.stringify({ event, ...fields })),
    error: (event, fields) => logs.push(JSON.stringify({ level: "error", event, ...fields })),
  };
  const deps: AdminDeps = {
    db: database.db,
    cipher: plainCipher,
    messenger,
    clock,
    logger,
    searchIndex: searchIndexFor(),
  };
  const app = new Hono();
  const quota = lineQuota({ baseURL: emulator.url, channelAccessToken: TOKEN });
  app.route(
    "/admin",
    adminRoute({
      deps,
      secureCookies: options.secureCookies ?? false,
      quota,
      clientAddress: (c) => c.req.header(CLIENT_HEADER) ?? "192.0.2.1",
    }),
  );
  return {
    app,
    db: database.db,
    deps,
    clock,
    emulator,
    messenger,
    logs,
    dir,
    async close() {
      await emulator.close();
      database.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A LINE-like user id (U + 32 hex digits), random per call. */
export function userId(): string {
  return `U${crypto.randomUUID().replaceAll("-", "")}`;
}

export interface SeedMember {
  userId?: string;
  step?: JourneyStep | null;
  affiliation?: string | null;
  status?: "active" | "inactive";
  registration?: RegistrationAnswers;
  /** 対象外（届出）: the reason the member reported. */
  exemption?: ExemptionReason;
}

export async function seedMember(h: Harness, seed: SeedMember = {}): Promise<string> {
  const id = seed.userId ?? userId();
  const now = h.clock.now().toISOString();
  await h.db.insert(schema.members).values({
    userId: id,
    status: seed.status ?? "active",
    journeyStep: seed.step ?? null,
    exemption: seed.exemption ?? null,
    exemptedAt: seed.exemption ? now : null,
    affiliation: seed.affiliation ?? seed.registration?.affiliation ?? null,
    registration: seed.registration ? await plainCipher.seal(JSON.stringify(seed.registration)) : null,
    followedAt: now,
    createdAt: now,
  });
  if (seed.registration)
    await runBatch(h.db, await searchIndexStatements(h.db, h.deps.searchIndex!, id, seed.registration));
  return id;
}

/** Low iteration count keeps tests fast; the sign-in tests use the default. */
export async function seedStaff(
  h: Harness,
  loginId: string,
  password: string,
  role: StaffRole = "admin",
  iterations = 1_000,
): Promise<number> {
  const hash = await hashPassword(password, iterations);
  const id = await createStaff(
    h.db,
    { loginId, displayName: `${loginId}さん`, role, passwordHash: hash },
    h.clock.now(),
  );
  if (id === null) throw new Error("staff exists");
  return id;
}

export interface Session {
  cookie: string;
  csrf: string;
  get(path: string): Response | Promise<Response>;
  post(
    path: string,
    form?: Record<string, string> | FormData,
    withCsrf?: boolean,
  ): Response | Promise<Response>;
}

/** Cookies from Set-Cookie headers as one Cookie header (name=value only). */
export function cookiesOf(res: Response, previous = ""): string {
  const jar = new Map(
    previous
      .split("; ")
      .filter(Boolean)
      .map((kv) => kv.split("=", 2) as [string, string]),
  );
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const [name, value] = (pair ?? "").split("=", 2);
    if (name) jar.set(name, value ?? "");
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

export function hiddenValue(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m?.[1]) throw new Error(`no hidden ${name}`);
  return m[1];
}

export async function loginForm(h: Harness, jar = ""): Promise<{ cookie: string; token: string }> {
  const res = await h.app.request("/admin/login", { headers: jar ? { cookie: jar } : {} });
  return { cookie: cookiesOf(res, jar), token: hiddenValue(await res.text(), "_csrf") };
}

export interface LoginFrom {
  /** The client address the attempt comes from. */
  address?: string;
  /** Cookies this browser already holds (e.g. the remembered-device cookie). */
  jar?: string;
}

export async function submitLogin(
  h: Harness,
  loginId: string,
  password: string,
  from: LoginFrom = {},
): Promise<Response> {
  const form = await loginForm(h, from.jar);
  return h.app.request("/admin/login", {
    method: "POST",
    headers: {
      cookie: form.cookie,
      "content-type": "application/x-www-form-urlencoded",
      origin: ORIGIN,
      [CLIENT_HEADER]: from.address ?? "192.0.2.1",
    },
    body: new URLSearchParams({ _csrf: form.token, loginId, password }),
  });
}

export async function signIn(
  h: Harness,
  loginId: string,
  password: string,
  from: LoginFrom = {},
): Promise<Session> {
  const res = await submitLogin(h, loginId, password, from);
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = cookiesOf(res, from.jar);
  const csrf = hiddenValue(await (await h.app.request("/admin", { headers: { cookie } })).text(), "_csrf");
  const session: Session = {
    cookie,
    csrf,
    get: (path) => h.app.request(path, { headers: { cookie } }),
    post(path, form = {}, withCsrf = true) {
      if (form instanceof FormData) {
        if (withCsrf) form.set("_csrf", csrf);
        return h.app.request(path, { method: "POST", headers: { cookie, origin: ORIGIN }, body: form });
      }
      const body = new URLSearchParams({ ...form, ...(withCsrf ? { _csrf: csrf } : {}) });
      return h.app.request(path, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
        body,
      });
    },
  };
  return session;
}
