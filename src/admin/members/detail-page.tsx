// GET /admin/members/:userId: progress timeline, masked form answers (revealed by an audited POST),
// relaying a notice, notes, the member's inquiries and, for admins, erasure.

import { journeyCopy } from "../../../flows/journey.js";
import { STAFF_NOTICES } from "../../../flows/notices.js";
import type { ExemptionReason } from "../../engine/types.js";
import type { MemberDetail } from "../../store/staff-members.js";
import type { SessionStaff } from "../../store/staff-sessions.js";
import { EXEMPT_LABEL, formatJst, memberStateLabel, stepLabel } from "../format.js";
import { CsrfField, type Flash, Layout } from "../pages/layout.js";
import { type DisplayedAnswers, maskRegistrationNumber } from "./mask.js";

export interface DetailView {
  staff: SessionStaff;
  detail: MemberDetail;
  answers: DisplayedAnswers | null;
  revealed: boolean;
  notes: Array<{ note: string; at: string; staffName: string | null }>;
  /** The roster row this member is linked to (by their number, or by staff). */
  rosterLink: { registrationNumber: string; source: string; clinicName: string | null } | null;
  flash?: Flash | null;
}

const SOURCE_LABELS: Record<string, string> = { member: "本人の報告", staff: "事務局が記録", bot: "自動" };
const INQUIRY_LABELS: Record<string, string> = { open: "未対応", answered: "回答済み", closed: "完了" };

export function MemberDetailPage(view: DetailView) {
  const { member } = view.detail;
  const base = `/admin/members/${encodeURIComponent(member.userId)}`;
  const csrf = view.staff.csrfToken;
  return (
    <Layout
      title={view.answers?.clinicName || "会員"}
      staff={view.staff}
      current="/admin/members"
      flash={view.flash}
    >
      <p class="muted">
        ユーザーID {member.userId} ／ {member.status === "active" ? "有効" : "ブロック・退会"} ／ 友だち追加{" "}
        {formatJst(member.followedAt ?? member.createdAt)}
      </p>
      <div class="panel">
        <h2>登録内容</h2>
        {view.answers ? <AnswerList answers={view.answers} /> : <p>登録内容はありません。</p>}
        {view.answers && !view.revealed ? (
          <form method="post" action={`${base}/reveal`}>
            <CsrfField token={csrf} />
            <button type="submit" class="secondary">
              伏せ字を外して表示（記録されます）
            </button>
          </form>
        ) : null}
      </div>
      <div class="panel">
        <h2>進捗（いま：{memberStateLabel(member)}）</h2>
        {member.exemption ? (
          <p data-testid="exemption">
            <strong>{EXEMPT_LABEL}</strong>：
            {journeyCopy.exemption.reasons[member.exemption as ExemptionReason]?.name ?? member.exemption}（
            {formatJst(member.exemptedAt)}に本人が申告。本会を通じた届出が必要です）
          </p>
        ) : null}
        <ul class="timeline">
          {view.detail.journey.length === 0 ? <li>まだ記録はありません。</li> : null}
          {view.detail.journey.map((e) => (
            <li>
              {formatJst(e.at)} {stepLabel(e.step)}{" "}
              <span class="muted">（{SOURCE_LABELS[e.source] ?? e.source}）</span>
            </li>
          ))}
        </ul>
        <h2>名簿との結びつき</h2>
        <p data-testid="roster-link">
          {view.rosterLink
            ? `${view.revealed ? view.rosterLink.registrationNumber : maskRegistrationNumber(view.rosterLink.registrationNumber)}（${view.rosterLink.clinicName ?? "名簿にありません"}、${view.rosterLink.source === "staff" ? "事務局が結びつけ" : "本人の入力で一致"}）`
            : "名簿と結びついていません。"}
        </p>
        <form method="post" action={`${base}/roster-link`} class="row">
          <CsrfField token={csrf} />
          <div>
            <label for="registrationNumber">名簿の登録記号番号（例：協1101234-5-6）</label>
            <input type="text" id="registrationNumber" name="registrationNumber" maxlength={30} required />
          </div>
          <div>
            <button type="submit" class="secondary">
              名簿と結びつける
            </button>
          </div>
        </form>
        <h2>通知の中継</h2>
        <form method="get" action={`${base}/relay`} class="row">
          <div>
            <label for="notice">事務局が確認したこと</label>
            <select id="notice" name="notice">
              {STAFF_NOTICES.map((n) => (
                <option value={n.id}>
                  {n.label}（→ {stepLabel(n.step)}）
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit">送る内容を確認する</button>
          </div>
        </form>
      </div>
      <div class="panel">
        <h2>メモ</h2>
        <form method="post" action={`${base}/notes`}>
          <CsrfField token={csrf} />
          <label for="note">メモを追加</label>
          <textarea id="note" name="note" maxlength={2000} required style="min-height:4rem" />
          <p>
            <button type="submit">メモを保存</button>
          </p>
        </form>
        {view.notes.map((n) => (
          <p>
            <span class="muted">
              {formatJst(n.at)} {n.staffName ?? ""}
            </span>
            <br />
            <span style="white-space:pre-wrap">{n.note}</span>
          </p>
        ))}
      </div>
      {view.detail.inquiries.length > 0 ? (
        <div class="panel">
          <h2>お問い合わせ</h2>
          <ul>
            {view.detail.inquiries.map((q) => (
              <li>
                <a href={`/admin/inquiries/${q.id}`}>{formatJst(q.createdAt)}</a>{" "}
                {INQUIRY_LABELS[q.status] ?? q.status}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {view.staff.role === "admin" ? (
        <form
          method="post"
          action={`${base}/erase`}
          class="panel"
          data-confirm="この会員の登録内容・メモ・お問い合わせを削除します。元に戻せません。よろしいですか？"
        >
          <CsrfField token={csrf} />
          <h2>データ削除</h2>
          <p class="muted">登録内容、メモ、お問い合わせ、未送信のリマインダーを削除します。</p>
          <button type="submit" class="danger">
            この会員のデータを削除
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

function AnswerList(props: { answers: DisplayedAnswers }) {
  const a = props.answers;
  const rows: Array<[string, string]> = [
    ["氏名", a.name],
    ["施術所名", a.clinicName],
    ["所属機関", a.affiliation],
    ["登録記号番号", a.registrationNumber],
    ["電話番号", a.phoneNumber],
    ["メールアドレス", a.email],
  ];
  return (
    <dl class="fields">
      {rows.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v || "—"}</dd>
        </>
      ))}
    </dl>
  );
}
