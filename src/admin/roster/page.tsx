// GET /admin/roster: the current roster, the import form, the import report, and the members export.
import type { SessionStaff } from "../../store/staff-sessions.js";
import { formatJst, formatNumber } from "../format.js";
import { CsrfField, type Flash, Layout } from "../pages/layout.js";
import type { RowError } from "./validate.js";

export interface ImportReport {
  fileName: string;
  encoding: string;
  rowsRead: number;
  imported: number;
  errors: RowError[];
}

export function RosterPage(props: {
  staff: SessionStaff;
  summary: { count: number; importedAt: string | null };
  report?: ImportReport;
  flash?: Flash | null;
}) {
  const csrf = props.staff.csrfToken;
  return (
    <Layout title="会員名簿" staff={props.staff} current="/admin/roster" flash={props.flash}>
      {props.report ? <Report report={props.report} /> : null}
      <div class="panel">
        <p>
          いまの名簿：<strong>{formatNumber(props.summary.count)}</strong> 件（取り込み{" "}
          {formatJst(props.summary.importedAt)}）
        </p>
        <p>
          <a href="/admin/roster/coverage">
            名簿の導入状況（LINE未登録・未着手・途中・導入完了・対象外）を見る
          </a>
        </p>
        <form method="post" action="/admin/roster/import" enctype="multipart/form-data">
          <CsrfField token={csrf} />
          <label for="file">名簿のCSVファイル（Excelの「CSV」または「CSV UTF-8」で保存したもの）</label>
          <input type="file" id="file" name="file" accept=".csv,text/csv" required />
          <p class="muted">
            列：登録記号番号、施術所名、氏名（1行目の見出しはあってもなくても構いません）。取り込むと、いまの名簿はすべて置き換わります。誤りが1行でもあれば、何も変更しません。
          </p>
          <button type="submit">取り込む</button>
        </form>
      </div>
      <div class="panel">
        <h2>会員の書き出し</h2>
        <p class="muted">
          登録内容を含む会員一覧をCSV（Excelで開ける形式）でダウンロードします。操作は記録されます。
        </p>
        <form method="post" action="/admin/roster/export">
          <CsrfField token={csrf} />
          <button type="submit" class="secondary">
            会員一覧をダウンロード
          </button>
        </form>
      </div>
    </Layout>
  );
}

function Report(props: { report: ImportReport }) {
  const r = props.report;
  const ok = r.errors.length === 0;
  return (
    <div class={`flash ${ok ? "ok" : "error"}`} role={ok ? "status" : "alert"} data-testid="import-report">
      <p style="margin-top:0">
        {r.fileName}（{r.encoding === "shift_jis" ? "Shift_JIS" : "UTF-8"}、{formatNumber(r.rowsRead)} 行）
      </p>
      {ok ? (
        <p>{formatNumber(r.imported)} 件を取り込み、名簿を置き換えました。</p>
      ) : (
        <>
          <p>
            誤りが {r.errors.length}{" "}
            行あるため、名簿は変更していません。直してからもう一度取り込んでください。
          </p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>行</th>
                  <th>内容</th>
                </tr>
              </thead>
              <tbody>
                {r.errors.slice(0, 200).map((e) => (
                  <tr>
                    <td>{e.row}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {r.errors.length > 200 ? <p>ほか {r.errors.length - 200} 行</p> : null}
        </>
      )}
    </div>
  );
}
