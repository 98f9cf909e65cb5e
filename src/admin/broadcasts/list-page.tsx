// GET /admin/broadcasts: the latest broadcasts with their state and delivery, and a compose button.
import type { BroadcastRow } from "../../store/broadcasts.js";
import type { SessionStaff } from "../../store/staff-sessions.js";
import { formatJst, formatNumber } from "../format.js";
import { Layout } from "../pages/layout.js";
import { STATUS_LABELS } from "./detail-page.js";

export function BroadcastListPage(props: {
  staff: SessionStaff;
  rows: Array<{ broadcast: BroadcastRow; title: string; audienceLabel: string }>;
}) {
  return (
    <Layout title="お知らせ配信" staff={props.staff} current="/admin/broadcasts">
      <p>
        <a class="button" href="/admin/broadcasts/new">
          新しいお知らせを作成
        </a>
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>内容</th>
              <th>宛先</th>
              <th>状態</th>
              <th>送信数</th>
              <th>日時</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.length === 0 ? (
              <tr>
                <td colspan={6}>まだお知らせはありません。</td>
              </tr>
            ) : null}
            {props.rows.map(({ broadcast: b, title, audienceLabel }) => (
              <tr>
                <td>{b.id}</td>
                <td>
                  <a href={`/admin/broadcasts/${b.id}`}>{title}</a>
                </td>
                <td>{audienceLabel}</td>
                <td>{STATUS_LABELS[b.status] ?? b.status}</td>
                <td>
                  {b.recipientCount === null
                    ? "—"
                    : `${formatNumber(b.sentCount)} / ${formatNumber(b.recipientCount)}`}
                </td>
                <td>{formatJst(b.finishedAt ?? b.scheduledAt ?? b.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
