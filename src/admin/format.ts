// Display helpers for the staff pages: Japanese labels and Japan time (UTC+9, no daylight saving).
import { JOURNEY_STEPS, type JourneyStep } from "../engine/types.js";

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export const STEP_LABELS: Record<JourneyStep, string> = {
  device: "機器の準備",
  portal: "ポータル確認",
  registering: "登録入力中",
  linkSent: "登録メール待ち",
  registered: "ユーザー登録完了",
  applied: "利用開始申請済み",
  approved: "申請承認済み",
  appAccount: "アカウント作成済み",
  deviceRegistered: "端末登録済み",
  appInstalled: "アプリ導入済み",
  started: "導入完了",
};

export const NO_STEP_LABEL = "未着手";
export const EXEMPT_LABEL = "対象外（届出）";

export function stepLabel(step: string | null | undefined): string {
  return step && step in STEP_LABELS ? STEP_LABELS[step as JourneyStep] : NO_STEP_LABEL;
}

/**
 * The one state every staff view shows for a member: 対象外（届出） wins over the step, so the list,
 * its CSV, the member page, the chart and the roster coverage all agree.
 */
export function memberStateLabel(member: { journeyStep: string | null; exemption: string | null }): string {
  return member.exemption ? EXEMPT_LABEL : stepLabel(member.journeyStep);
}

export function isJourneyStep(value: unknown): value is JourneyStep {
  return typeof value === "string" && (JOURNEY_STEPS as readonly string[]).includes(value);
}

/** "2026/11/25 10:00" in Japan time. */
export function formatJst(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(new Date(iso).getTime() + JST_OFFSET_MS);
  if (Number.isNaN(d.getTime())) return "—";
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** A `<input type="datetime-local">` value read as Japan time; null when malformed or impossible. */
export function parseJstLocal(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi));
  // Date.UTC rolls 2099-13-45 over into 2100-02-14: only a date that reads back the same is real.
  const real =
    local.getUTCFullYear() === y &&
    local.getUTCMonth() === mo - 1 &&
    local.getUTCDate() === d &&
    local.getUTCHours() === h &&
    local.getUTCMinutes() === mi;
  return real ? new Date(local.getTime() - JST_OFFSET_MS) : null;
}

/** The datetime-local value for a moment, in Japan time. */
export function toJstLocal(date: Date): string {
  return new Date(date.getTime() + JST_OFFSET_MS).toISOString().slice(0, 16);
}

/** The first moment of this month in Japan time (LINE counts the quota per calendar month, JST). */
export function startOfJstMonth(now: Date): Date {
  const jst = new Date(now.getTime() + JST_OFFSET_MS);
  return new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), 1) - JST_OFFSET_MS);
}

export function formatNumber(n: number): string {
  return n.toLocaleString("ja-JP");
}
