// failNext(): queued error answers per path, consumed one per request, for retry and backoff tests.
import type { Fault } from "./types.js";

export interface FaultSpec {
  status: number;
  body: unknown;
  accepted: boolean;
}

export interface Faults {
  add(path: string, faults: Fault[]): void;
  /** The next fault for this request, matched on the exact path first, then on the endpoint key. */
  take(relative: string, key: string): FaultSpec | undefined;
  reset(): void;
}

const DEFAULT_MESSAGES: Record<number, string> = {
  400: "Bad Request",
  401: "Authentication failed. Confirm that the access token in the authorization header is valid.",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  413: "Request Entity Too Large",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function createFaults(): Faults {
  let queues = new Map<string, FaultSpec[]>();

  const shift = (path: string) => {
    const queue = queues.get(path);
    const next = queue?.shift();
    if (queue && queue.length === 0) queues.delete(path);
    return next;
  };

  return {
    add(path, faults) {
      const queue = queues.get(path) ?? [];
      queue.push(...faults.map(toSpec));
      queues.set(path, queue);
    },
    take: (relative, key) => shift(relative) ?? (relative === key ? undefined : shift(key)),
    reset() {
      queues = new Map();
    },
  };
}

function toSpec(fault: Fault): FaultSpec {
  const status = typeof fault === "number" ? fault : fault.status;
  const message = DEFAULT_MESSAGES[status] ?? "Error";
  if (typeof fault === "number") return { status, body: { message }, accepted: false };
  return { status, body: fault.body ?? { message }, accepted: fault.accepted ?? false };
}
