// The Messenger port over the real @line/bot-sdk client. The SDK has no retries: we retry 429 and
// 5xx with backoff, reusing the same X-Line-Retry-Key so LINE never delivers a message twice.
import { HTTPFetchError, messagingApi } from "@line/bot-sdk";
import type { Messenger } from "../ports.js";

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500 };

export class LineApiError extends Error {
  constructor(
    readonly method: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`LINE ${method} failed with ${status}`);
  }
}

export function createLineMessenger(
  options: { channelAccessToken: string; baseURL: string },
  retry: RetryPolicy = DEFAULT_RETRY,
): Messenger {
  const client = new messagingApi.MessagingApiClient(options);
  const call = (method: string, fn: () => Promise<unknown>) => withRetry(method, fn, retry);
  return {
    reply: (replyToken, messages) =>
      // A reply token is single-use: never retried; the caller falls back to push.
      call("reply", () => client.replyMessage({ replyToken, messages })).then(noop),
    push: (userId, messages, retryKey = crypto.randomUUID()) =>
      call("push", () => client.pushMessage({ to: userId, messages }, retryKey)).then(noop),
    multicast: (userIds, messages, retryKey = crypto.randomUUID()) =>
      call("multicast", () => client.multicast({ to: userIds, messages }, retryKey)).then(noop),
    showLoading: (userId, seconds) =>
      call("loading", () => client.showLoadingAnimation({ chatId: userId, loadingSeconds: seconds })).then(
        noop,
      ),
  };
}

/** LineApiError.status when no HTTP answer came back (connection reset, timeout). */
export const NETWORK_ERROR = 0;

function noop(): void {}

async function withRetry(method: string, fn: () => Promise<unknown>, policy: RetryPolicy): Promise<void> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const retriable = method !== "reply";
  for (let attempt = 1; ; attempt++) {
    try {
      await fn();
      return;
    } catch (error) {
      // A connection reset or timeout (no HTTP status) is transient too: LINE may or may not have the
      // request, and the same retry key makes a second delivery impossible either way.
      const http = error instanceof HTTPFetchError ? error : null;
      const status = http?.status ?? NETWORK_ERROR;
      // 409 with a retry key: LINE already accepted this request earlier.
      if (status === 409 && http?.headers.get("x-line-accepted-request-id")) return;
      const transient = status === NETWORK_ERROR || status === 429 || status >= 500;
      if (!retriable || !transient || attempt >= policy.attempts) {
        throw new LineApiError(method, status, http?.body ?? "");
      }
      const retryAfter = Number(http?.headers.get("retry-after"));
      const delay = retryAfter > 0 ? retryAfter * 1000 : policy.baseDelayMs * 2 ** (attempt - 1);
      await sleep(delay * (0.75 + Math.random() * 0.5));
    }
  }
}
