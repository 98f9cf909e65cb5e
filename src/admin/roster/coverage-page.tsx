// GET /admin/roster/coverage: where each roster row stands in the campaign (LINE未登録 / 未着手 /
// 途中 / 導入完了 / 対象外), filtered by state, with the CSV of the rows not done for phone or mail.
import type { CoverageFilter, CoverageRow } from "../../store/roster-coverage.js";
import type { SessionStaff } from "../../store/staff-sessions.js";
import { formatNumber, stepLabel } from "../format.js";
import { CsrfField, Layout, Pager } from "../pages/layout.js";
import { COVERAGE_LABELS, type CoverageCounts, CoverageLine } from "./coverage-line.js";

const FILTERS: Array<[CoverageFilter, string]> = [
  ["notDone", "まだ導入完了していない（LINE未登録・未着手・途中）"],
  ["all", "すべて"],
  ["notOnLine", COVERAGE_LABELS.notOnLine],
  ["notStarted", COVERAGE_LABELS.notStarted],
  ["inProgress", COVERAGE_LABELS.inProgress],
  ["done", COVERAGE_LABELS.done],
  ["exempt", COVERAGE_LABELS.exempt],
];

export function CoveragePage(props: {
  staff: SessionStaff;
  counts: CoverageCounts;
  filter: CoverageFilter;
  rows: CoverageRow[];
  total: number;
  page: number;
  pageSize: number;
}) {
  const { counts, filter } = props;
  return (
    <Layout title="名簿の導入状況" staff={props.staff} current="/admin/roster">
      <div class="panel">
        <CoverageLine counts={counts} />
        <p class="muted">
          会員がこのLINEで登録記号番号を入力すると、名簿と自動で結びつきます。結びつかない会員は、会員の詳しい画面から名簿と結びつけられます。
        </p>
      </div>
      <form method="get" action="/admin/roster/coverage" class="panel row">
        <div>
          <label for="state">状態</label>
          <select id="state" name="state">
            {FILTERS.map(([value, label]) => (
              <option value={value} selected={filter === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">表示する</button>
        </div>
      </form>
      <form method="post" action="/admin/roster/coverage/export" class="panel">
        <CsrfField token={props.staff.csrfToken} />
        <p class="muted">
          まだ導入完了していない {formatNumber(counts.notOnLine + counts.notStarted + counts.inProgress)}{" "}
          件を、電話や郵便での連絡用にCSV（Excelで開ける形式）でダウンロードします。操作は記録されます。
        </p>
        <button type="submit" class="secondary">
          未完了の名簿をダウンロード
        </button>
      </form>
      <div class="table-wrap">
        <table data-testid="coverage-rows">
          <thead>
            <tr>
              <th>登録記号番号</th>
              <th>施術所名</th>
              <th>状態</th>
              <th>進み具合</th>
              <th>会員</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                <td>{row.registrationNumber}</td>
                <td>{row.clinicName}</td>
                <td>{COVERAGE_LABELS[row.state]}</td>
                <td>{row.state === "inProgress" ? stepLabel(row.journeyStep) : ""}</td>
                <td>
                  {row.userId && row.state !== "notOnLine" ? (
                    <a href={`/admin/members/${encodeURIComponent(row.userId)}`}>詳しく</a>
                  ) : (
                    ""
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.rows.length === 0 ? <p class="muted">該当する行はありません。</p> : null}
      <Pager page={props.page} pageSize={props.pageSize} total={props.total} query={{ state: filter }} />
    </Layout>
  );
}
