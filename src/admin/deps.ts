// What the staff area needs from the outside, and the Hono environment its routes share.
import type { Background, Clock, Logger, Messenger } from "../ports.js";
import type { FieldCipher } from "../store/cipher.js";
import type { Database } from "../store/database.js";
import type { SessionStaff } from "../store/staff-sessions.js";
import type { QuotaSource } from "./quota.js";

/** Read at call time: the Node entry replaces `messenger` once the server listens. */
export interface AdminDeps {
  db: Database;
  cipher: FieldCipher;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  /** Runs a broadcast after the response; without it "send now" finishes inside the request. */
  background?: Background;
}

export interface AdminOptions {
  deps: AdminDeps;
  /** Secure cookies (production, HTTPS). */
  secureCookies: boolean;
  /** The LINE message quota; the dashboard says "not configured" without it. */
  quota?: QuotaSource;
  /**
   * Hands 「今すぐ送信」 to the runtime's own worker (the Worker's queue); without it the fan-out runs
   * in `deps.background` (Node; the Worker's waitUntil), or inside the request.
   */
  startBroadcast?: (broadcastId: number) => Promise<void>;
}

export type AdminEnv = { Variables: { staff: SessionStaff } };
