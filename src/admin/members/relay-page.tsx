// GET /admin/members/:userId/relay?notice=…: before a notice goes out, staff see where the member
// stands, the exact bubbles the member will receive, and a warning when the notice no longer fits
// (behind the member's step: sent only after ticking a box; 対象外（届出）: not sent at all).
import type { StaffNotice } from "../../../flows/notices.js";
import { pushHours } from "../../../flows/push-hours.js";
import type { SessionStaff } from "../../store/staff-sessions.js";
import { memberStateLabel, stepLabel } from "../format.js";
import { CsrfField, Layout } from "../pages/layout.js";
import type { NoticeFit } from "./actions.js";

export function RelayPreviewPage(props: {
  staff: SessionStaff;
  userId: string;
  clinicName: string;
  member: { journeyStep: string | null; exemption: string | null; status: string };
  notice: StaffNotice;
  fit: NoticeFit;
  night: boolean;
  retryKey: string;
}) {
  const { notice, fit, member } = props;
  const base = `/admin/members/${encodeURIComponent(props.userId)}`;
  return (
    <Layout title="お知らせの確認" staff={props.staff} current="/admin/members">
      <div class="panel">
        <p>
          会員：<a href={base}>{props.clinicName || "施術所名が未登録の会員"}</a>
        </p>
        <p data-testid="relay-current">
          いまの進捗：<strong>{memberStateLabel(member)}</strong>
        </p>
        <p>
          送るお知らせ：<strong>{notice.label}</strong>（記録すると進捗は「{stepLabel(notice.step)}
          」になります）
        </p>
        {fit === "exempt" ? (
          <p class="flash error" data-testid="relay-warning">
            この会員は「対象外（届出）」と本人が申告しているため、このお知らせは送れません。対象外でなくなった場合は、本人がLINEで「対象外を取り消す」と送ると送れるようになります。
          </p>
        ) : null}
        {fit === "behind" ? (
          <p class="flash error" data-testid="relay-warning">
            この会員はすでに「{memberStateLabel(member)}
            」まで進んでいます。このお知らせは今の進捗より前の内容なので、送ると本人が戸惑うおそれがあります。進捗の記録は変わりません。
          </p>
        ) : null}
        {member.status !== "active" ? (
          <p class="muted">この会員はブロック・退会しているため、記録だけしてお知らせは届きません。</p>
        ) : props.night ? (
          <p class="muted">いまは夜間のため、お知らせは次の{pushHours.start}以降に届きます。</p>
        ) : null}
      </div>
      <h2>本人に届く内容</h2>
      <div class="phone" title="スマートフォンでの表示イメージ">
        {notice.messages.slice(0, 5).map((m) => (
          <div class="bubble" data-testid="relay-bubble" style="margin-bottom:.5rem">
            {m}
          </div>
        ))}
      </div>
      {fit === "exempt" ? (
        <p>
          <a href={base}>会員の画面へ戻る</a>
        </p>
      ) : (
        <form method="post" action={`${base}/relay`} class="panel" data-once>
          <CsrfField token={props.staff.csrfToken} />
          <input type="hidden" name="notice" value={notice.id} />
          <input type="hidden" name="retryKey" value={props.retryKey} />
          <input type="hidden" name="confirmed" value="1" />
          {fit === "behind" ? (
            <p>
              <label>
                <input type="checkbox" name="behind" value="1" required />{" "}
                進捗より前の内容だと分かったうえで送る
              </label>
            </p>
          ) : null}
          <p>
            <button type="submit">記録して本人に知らせる</button> <a href={base}>送らずに戻る</a>
          </p>
        </form>
      )}
    </Layout>
  );
}
