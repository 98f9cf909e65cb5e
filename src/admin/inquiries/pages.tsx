// The inquiry pages: the list by status, and one question with the answer box.

import type { InquiryRow, InquiryStatus } from "../../store/staff-inquiries.js";

export interface Asker {
  clinicName: string;
  maskedName: string;
}

function AskerText(props: { asker: Asker }) {
  const { clinicName, maskedName } = props.asker;
  const label = [clinicName, maskedName].filter(Boolean).join(" ");
  return <>{label || "お名前未登録の会員"}</>;
}

import type { SessionStaff } from "../../store/staff-sessions.js";
import { formatJst } from "../format.js";
import { CsrfField, type Flash, Layout, Pager } from "../pages/layout.js";

export const INQUIRY_STATUS: Record<InquiryStatus, string> = {
  open: "未対応",
  answered: "回答済み",
  closed: "完了",
};

/** The difference between 回答済み and 完了, said once on each inquiry page. */
export const STATUS_EXPLANATION =
  "「回答済み」はLINEで回答を送ったもの（会員から続きの質問が来ることもあります）、「完了」は対応を終えたものです。";

function StatusExplanation() {
  return (
    <p class="muted" data-testid="status-explanation">
      {STATUS_EXPLANATION}
    </p>
  );
}

export function InquiryListPage(props: {
  staff: SessionStaff;
  status: InquiryStatus;
  rows: Array<{ row: InquiryRow; question: string; asker: Asker }>;
  total: number;
  page: number;
  pageSize: number;
}) {
  return (
    <Layout title="お問い合わせ" staff={props.staff} current="/admin/inquiries">
      <StatusExplanation />
      <p class="row">
        {(Object.keys(INQUIRY_STATUS) as InquiryStatus[]).map((s) => (
          <a href={`/admin/inquiries?status=${s}`} class={s === props.status ? "button" : "button secondary"}>
            {INQUIRY_STATUS[s]}
          </a>
        ))}
      </p>
      <Pager
        page={props.page}
        pageSize={props.pageSize}
        total={props.total}
        query={{ status: props.status }}
      />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>受付</th>
              <th>お問い合わせした方</th>
              <th>内容</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.length === 0 ? (
              <tr>
                <td colspan={3}>該当するお問い合わせはありません。</td>
              </tr>
            ) : null}
            {props.rows.map(({ row, question, asker }) => (
              <tr data-inquiry-id={row.id}>
                <td style="white-space:nowrap">
                  <a href={`/admin/inquiries/${row.id}`}>{formatJst(row.createdAt)}</a>
                </td>
                <td>
                  <a href={`/admin/members/${encodeURIComponent(row.userId)}`}>
                    <AskerText asker={asker} />
                  </a>
                </td>
                <td>{[...question].slice(0, 80).join("")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function InquiryPage(props: {
  staff: SessionStaff;
  row: InquiryRow;
  question: string;
  asker: Asker;
  answer: string | null;
  retryKey: string;
  flash?: Flash | null;
}) {
  const { row, staff } = props;
  const base = `/admin/inquiries/${row.id}`;
  return (
    <Layout title={`お問い合わせ #${row.id}`} staff={staff} current="/admin/inquiries" flash={props.flash}>
      <div class="panel">
        <p class="muted">
          {formatJst(row.createdAt)} 受付 ／ {INQUIRY_STATUS[row.status]} ／ お問い合わせした方：{" "}
          <a href={`/admin/members/${encodeURIComponent(row.userId)}`} data-testid="asker">
            <AskerText asker={props.asker} />
          </a>
        </p>
        <p style="white-space:pre-wrap" data-testid="question">
          {props.question}
        </p>
      </div>
      {row.status === "open" && props.answer ? (
        <div class="panel">
          <h2>前に送った回答</h2>
          <p class="muted">
            {formatJst(row.answeredAt)} {row.answeredBy ? `担当：${row.answeredBy}` : ""}
          </p>
          <p style="white-space:pre-wrap">{props.answer}</p>
        </div>
      ) : null}
      {row.status === "open" ? (
        <>
          <form method="post" action={`${base}/answer`} class="panel" data-once>
            <CsrfField token={staff.csrfToken} />
            <input type="hidden" name="retryKey" value={props.retryKey} />
            <label for="answer">
              回答（LINEで本人に送られます。最後に「（担当：{staff.displayName}）」と添えます）
            </label>
            <textarea id="answer" name="answer" maxlength={4000} required />
            <p>
              <button type="submit">回答を送信</button>
            </p>
          </form>
          <form method="post" action={`${base}/close`}>
            <CsrfField token={staff.csrfToken} />
            <button type="submit" class="secondary">
              回答せずに完了にする（電話で対応済みなど）
            </button>
          </form>
        </>
      ) : (
        <div class="panel">
          <h2>回答</h2>
          <p class="muted">
            {formatJst(row.answeredAt)} {row.answeredBy ? `担当：${row.answeredBy}` : ""}
          </p>
          <p style="white-space:pre-wrap">{props.answer ?? "（回答なしで完了）"}</p>
          {row.status === "answered" ? (
            <form method="post" action={`${base}/close`}>
              <CsrfField token={staff.csrfToken} />
              <button type="submit" class="secondary">
                完了にする
              </button>
            </form>
          ) : (
            <form method="post" action={`${base}/reopen`}>
              <CsrfField token={staff.csrfToken} />
              <button type="submit" class="secondary">
                もう一度開く
              </button>
            </form>
          )}
        </div>
      )}
      <StatusExplanation />
    </Layout>
  );
}
