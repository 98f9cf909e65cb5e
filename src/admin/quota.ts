// The month's LINE message quota and how much of it is used, read straight from the Messaging API
// (or the emulator) with the SDK, for the dashboard and the broadcast page.
import { messagingApi } from "@line/bot-sdk";

export interface Quota {
  /** null when the plan has no limit. */
  limit: number | null;
  used: number;
}

export interface QuotaSource {
  get(): Promise<Quota>;
}

export interface LineApiAccess {
  baseURL: string;
  channelAccessToken: string;
}

/** `access` may be a function: in emulator mode the base URL is known only once the server listens. */
export function lineQuota(access: LineApiAccess | (() => LineApiAccess)): QuotaSource {
  return {
    async get() {
      const client = new messagingApi.MessagingApiClient(typeof access === "function" ? access() : access);
      const [quota, consumption] = await Promise.all([
        client.getMessageQuota(),
        client.getMessageQuotaConsumption(),
      ]);
      return { limit: quota.type === "limited" ? (quota.value ?? null) : null, used: consumption.totalUsage };
    },
  };
}
