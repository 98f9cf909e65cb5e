// GET /admin/audit (admin only): who did what and when, newest first.

import type { Context } from "hono";
import { findNotice } from "../../../flows/notices.js";
import { ERASED_MEMBER } from "../../store/effect-statements.js";
import { listStaff } from "../../store/staff.js";
import { type AuditAction, listAudit } from "../../store/staff-audit.js";
import type { AdminEnv, AdminOptions } from "../deps.js";
import { formatJst, formatNumber } from "../format.js";
import { Layout, Pager } from "./layout.js";

const PAGE_SIZE = 100;

/** Labels of today's actions, and of a few the trail may still hold from earlier versions (（旧）). */
export const ACTION_LABELS: Record<string, string> & Record<AuditAction, string> = {
  "auth.signIn": "ログイン",
  "auth.signOut": "ログアウト",
  "auth.signInFailed": "ログイン失敗",
  "auth.locked": "ログイン失敗によるロック（旧）",
  "auth.signInLocked": "ロック中のログイン試行（旧）",
  "auth.signInThrottled": "ログイン失敗が続いたため受け付けを一時停止",
  "staff.passwordChange": "自分のパスワードの変更",
  "member.reveal": "登録内容の表示",
  "member.relay": "通知の中継",
  "member.note": "メモの追加",
  "member.rosterLink": "会員と名簿の結びつけ",
  "member.erase": "会員データの削除",
  "broadcast.create": "お知らせの作成",
  "broadcast.send": "お知らせの送信",
  "broadcast.schedule": "お知らせの予約",
  "broadcast.cancel": "お知らせの取り消し",
  "roster.import": "名簿の取り込み",
  "roster.importRejected": "名簿の取り込み（誤りのため中止）",
  "roster.exportNotDone": "未完了の名簿のダウンロード",
  "members.export": "会員一覧の書き出し",
  "inquiry.answer": "お問い合わせへの回答",
  "inquiry.close": "お問い合わせの完了",
  "inquiry.reopen": "お問い合わせをもう一度開く",
  "staff.create": "職員アカウントの作成",
  "staff.passwordReset": "職員パスワードの再設定",
  "staff.unlock": "職員のログイン制限の解除",
  "staff.delete": "職員アカウントの削除",
  "knowledge.draft": "よくある質問の下書き保存",
  "knowledge.publish": "よくある質問の公開",
  "knowledge.revert": "よくある質問を元に戻す",
  "knowledge.discard": "よくある質問の下書きの取り下げ",
};

const DETAIL_LABELS: Record<string, string> = {
  notice: "お知らせ",
  advanced: "進捗",
  audience: "宛先",
  at: "予定日時",
  rows: "行数",
  entries: "件数",
  errors: "誤り",
  encoding: "文字コード",
  via: "操作元",
  reason: "理由",
};

const AUDIENCE_LABELS: Record<string, string> = {
  all: "全員",
  journeyStep: "進捗で選択",
  affiliation: "所属機関で選択",
  notReached: "未到達の段階で選択",
};

/** The detail JSON as 「お知らせ：申請承認／進捗：進めた」, times in Japan time. */
export function describeDetail(detail: string | null): string {
  if (!detail) return "";
  let value: unknown;
  try {
    value = JSON.parse(detail);
  } catch {
    return "";
  }
  if (!value || typeof value !== "object") return "";
  return Object.entries(value as Record<string, unknown>)
    .map(([key, v]) => `${DETAIL_LABELS[key] ?? key}：${detailValue(key, v)}`)
    .join("／");
}

function detailValue(key: string, v: unknown): string {
  if (key === "notice") return findNotice(String(v))?.label ?? String(v);
  if (key === "advanced") return v ? "進めた" : "変えていない";
  if (key === "audience") return AUDIENCE_LABELS[String(v)] ?? String(v);
  if (key === "at") return formatJst(String(v));
  if (key === "encoding") return v === "shift_jis" ? "Shift_JIS" : "UTF-8";
  if (key === "via") return v === "cli" ? "サーバーでの初期設定（技術担当者）" : String(v);
  if (key === "reason") return v === "notCsv" ? "CSVではないファイル" : String(v);
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "boolean") return v ? "はい" : "いいえ";
  return String(v ?? "—");
}

/** The target as a link to its page: a member, a broadcast, an inquiry, a staff account. */
function Target(props: { target: string | null; staffNames: Map<number, string> }) {
  const { target } = props;
  if (!target) return <>—</>;
  if (target === ERASED_MEMBER) return <>（削除された会員）</>;
  if (/^U[0-9a-f]{32}$/i.test(target))
    return (
      <a href={`/admin/members/${encodeURIComponent(target)}`}>
        会員 {target.slice(0, 5)}…{target.slice(-6)}
      </a>
    );
  const [kind, id] = target.split(":");
  if (kind === "broadcast" && /^\d+$/.test(id ?? ""))
    return <a href={`/admin/broadcasts/${id}`}>お知らせ #{id}</a>;
  if (kind === "inquiry" && /^\d+$/.test(id ?? ""))
    return <a href={`/admin/inquiries/${id}`}>お問い合わせ #{id}</a>;
  if (kind === "staff" && /^\d+$/.test(id ?? ""))
    return <a href="/admin/staff">職員 {props.staffNames.get(Number(id)) ?? `#${id}`}</a>;
  return <>{target}</>;
}

export async function auditPage(c: Context<AdminEnv>, options: AdminOptions) {
  const page = Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1);
  const [{ rows, total }, staff] = await Promise.all([
    listAudit(options.deps.db, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    listStaff(options.deps.db),
  ]);
  const staffNames = new Map(staff.map((u) => [u.id, u.displayName]));
  return c.html(
    <Layout title="操作記録" staff={c.get("staff")} current="/admin/audit">
      <p class="muted">日時は日本時間です。新しい順に表示しています。</p>
      <Pager page={page} pageSize={PAGE_SIZE} total={total} query={{}} />
      <div class="table-wrap">
        <table class="audit">
          <thead>
            <tr>
              <th>日時</th>
              <th>職員</th>
              <th>操作</th>
              <th>対象</th>
              <th>詳細</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr data-action={r.action}>
                <td class="nowrap">{formatJst(r.at)}</td>
                <td class="nowrap">{r.staffName ?? "—"}</td>
                <td class="action">{ACTION_LABELS[r.action] ?? r.action}</td>
                <td class="nowrap">
                  <Target target={r.target} staffNames={staffNames} />
                </td>
                <td class="muted">{describeDetail(r.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>,
  );
}
