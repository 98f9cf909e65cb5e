// GET /admin/audit (admin only): who did what and when, newest first.

import type { Context } from "hono";
import { ERASED_MEMBER } from "../../store/effect-statements.js";
import { listAudit } from "../../store/staff-audit.js";
import type { AdminEnv, AdminOptions } from "../deps.js";
import { formatJst } from "../format.js";
import { Layout, Pager } from "./layout.js";

const PAGE_SIZE = 100;

export const ACTION_LABELS: Record<string, string> = {
  "auth.signIn": "ログイン",
  "auth.signOut": "ログアウト",
  "auth.signInFailed": "ログイン失敗",
  "auth.locked": "ログイン失敗によるロック",
  "auth.signInLocked": "ロック中のログイン試行",
  "member.reveal": "登録内容の表示",
  "member.relay": "通知の中継",
  "member.note": "メモの追加",
  "member.erase": "会員データの削除",
  "broadcast.create": "お知らせの作成",
  "broadcast.send": "お知らせの送信",
  "broadcast.schedule": "お知らせの予約",
  "broadcast.cancel": "お知らせの取り消し",
  "roster.import": "名簿の取り込み",
  "roster.importRejected": "名簿の取り込み（誤りのため中止）",
  "members.export": "会員一覧の書き出し",
  "inquiry.answer": "お問い合わせへの回答",
  "inquiry.close": "お問い合わせの完了",
  "staff.create": "職員アカウントの作成",
  "staff.passwordReset": "職員パスワードの再設定",
  "staff.unlock": "職員アカウントのロック解除",
  "staff.delete": "職員アカウントの削除",
};

export async function auditPage(c: Context<AdminEnv>, options: AdminOptions) {
  const page = Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1);
  const { rows, total } = await listAudit(options.deps.db, {
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  return c.html(
    <Layout title="操作記録" staff={c.get("staff")} current="/admin/audit">
      <Pager page={page} pageSize={PAGE_SIZE} total={total} query={{}} />
      <div class="table-wrap">
        <table>
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
                <td style="white-space:nowrap">{formatJst(r.at)}</td>
                <td>{r.staffName ?? "—"}</td>
                <td>{ACTION_LABELS[r.action] ?? r.action}</td>
                <td>{r.target === ERASED_MEMBER ? "（削除された会員）" : (r.target ?? "")}</td>
                <td class="muted">{r.detail ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>,
  );
}
