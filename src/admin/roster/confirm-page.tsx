// Before a checked roster file replaces the roster in place: what changes (rows now, rows in the
// file, rows that disappear) and a button to go ahead. The file's text travels back in the form, and
// is checked again when it comes back.
import type { RosterChange } from "../../store/roster-import.js";
import type { SessionStaff } from "../../store/staff-sessions.js";
import { formatNumber } from "../format.js";
import { CsrfField, Layout } from "../pages/layout.js";

export function RosterConfirmPage(props: {
  staff: SessionStaff;
  fileName: string;
  encoding: string;
  csv: string;
  change: RosterChange;
}) {
  const { change } = props;
  return (
    <Layout title="名簿の置き換えの確認" staff={props.staff} current="/admin/roster">
      <div class="panel" data-testid="roster-change">
        <p>
          {props.fileName}{" "}
          に誤りはありませんでした。取り込むと、いまの名簿はこのファイルの内容にすべて置き換わります。
        </p>
        <dl class="fields">
          <dt>いまの名簿</dt>
          <dd data-testid="rows-now">{formatNumber(change.current)} 件</dd>
          <dt>ファイルの名簿</dt>
          <dd data-testid="rows-file">{formatNumber(change.incoming)} 件</dd>
          <dt>名簿からなくなる行</dt>
          <dd data-testid="rows-removed">
            {formatNumber(change.removed)} 件
            {change.removedLinked > 0
              ? `（うち ${formatNumber(change.removedLinked)} 件はLINEの会員と結びついています。その会員は名簿の導入状況に出なくなります）`
              : ""}
          </dd>
        </dl>
        {change.removed > 0 && change.removed * 2 >= change.current ? (
          <p class="flash error">
            いまの名簿の半分以上がなくなります。古いファイルや別のファイルを選んでいないか確かめてください。
          </p>
        ) : null}
      </div>
      <form method="post" action="/admin/roster/import" enctype="multipart/form-data" class="panel" data-once>
        <CsrfField token={props.staff.csrfToken} />
        <input type="hidden" name="confirmed" value="1" />
        <input type="hidden" name="fileName" value={props.fileName} />
        <input type="hidden" name="encoding" value={props.encoding} />
        <textarea name="csv" hidden>
          {props.csv}
        </textarea>
        <p>
          <button type="submit">名簿を置き換える</button> <a href="/admin/roster">置き換えずに戻る</a>
        </p>
      </form>
    </Layout>
  );
}
