// The checks every emulated endpoint shares: counting, request id, bearer token, injected faults.
import type { Context, MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { endpointKey, relativePath } from "./endpoints.js";
import { lineError, requestIdOf } from "./http.js";
import type { EmulatorState } from "./state.js";

const AUTH_FAILED =
  "Authentication failed. Confirm that the access token in the authorization header is valid.";

export function lineEdge(state: EmulatorState): MiddlewareHandler {
  return async function lineEdge(c, next) {
    const relative = relativePath(c.req.path);
    const key = endpointKey(relative);
    state.requests[key] = (state.requests[key] ?? 0) + 1;
    const requestId = requestIdOf(c);
    const response = authFailure(c, state) ?? (await withFaults(c, state, relative, key, next));
    if (response) c.res = response;
    c.res.headers.set("x-line-request-id", requestId);
  };
}

function authFailure(c: Context, state: EmulatorState): Response | undefined {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (match?.[1] === state.channelAccessToken) return undefined;
  return lineError(c, 401, AUTH_FAILED);
}

async function withFaults(
  c: Context,
  state: EmulatorState,
  relative: string,
  key: string,
  next: () => Promise<void>,
): Promise<Response | undefined> {
  const fault = state.faults.take(relative, key);
  if (fault?.accepted) await next();
  if (!fault) {
    await next();
    return undefined;
  }
  return c.json(fault.body, fault.status as ContentfulStatusCode);
}
