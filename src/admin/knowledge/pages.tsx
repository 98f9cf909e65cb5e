// The knowledge pages: the list of entries, one entry with its draft and history, the entry form.
import type { FaqSource } from "../../answerer/types.js";
import type { KnowledgeEntry } from "../../knowledge/entry.js";
import type { ComposedEntry, RevisionRow } from "../../store/knowledge.js";
import type { SessionStaff } from "../../store/staff-sessions.js";
import { formatJst } from "../format.js";
import { CsrfField, type Flash, Layout } from "../pages/layout.js";
import type { EntryForm } from "./form.js";

export interface ListedEntry {
  composed: ComposedEntry;
  stale: FaqSource[];
}

export type ListFilter = "all" | "drafts" | "review";

const FILTERS: Record<ListFilter, string> = {
  all: "すべて",
  drafts: "承認待ちの下書き",
  review: "日付が古い情報",
};

export function KnowledgeNav(props: { current: string }) {
  const links = [
    ["/admin/knowledge", "項目の一覧"],
    ["/admin/knowledge/gaps", "答えられなかった質問"],
    ["/admin/knowledge/try", "回答を試す"],
    ["/admin/knowledge/new", "新しい項目を作る"],
  ];
  return (
    <p class="row">
      {links.map(([href, label]) => (
        <a href={href} class={props.current === href ? "button" : "button secondary"}>
          {label}
        </a>
      ))}
    </p>
  );
}

export function StatusBadges(props: { composed: ComposedEntry; stale: FaqSource[] }) {
  const { live, draft } = props.composed;
  return (
    <>
      {live === null ? (
        <span class="badge">未公開</span>
      ) : live.status === "hidden" ? (
        <span class="badge">非公開</span>
      ) : (
        <span class="badge ok">公開中</span>
      )}{" "}
      {draft ? <span class="badge draft">承認待ちの下書き</span> : null}{" "}
      {props.stale.length > 0 ? <span class="badge alert">日付が古い・要確認</span> : null}
    </>
  );
}

export function KnowledgeListPage(props: {
  staff: SessionStaff;
  entries: ListedEntry[];
  filter: ListFilter;
  counts: Record<ListFilter, number>;
  reviewDays: number;
  flash?: Flash | null;
}) {
  return (
    <Layout title="よくある質問" staff={props.staff} current="/admin/knowledge" flash={props.flash}>
      <KnowledgeNav current="/admin/knowledge" />
      <p class="muted">
        LINEの自動回答に使う質問と回答です。職員が変更すると下書きになり、管理者が「公開」すると会員への回答に使われます。
      </p>
      {props.counts.review > 0 ? (
        <p class="warn">
          {props.reviewDays}日より前の時点の情報が {props.counts.review}{" "}
          件あります。内容がいまも正しいか確認してください。
        </p>
      ) : null}
      <p class="row">
        {(Object.keys(FILTERS) as ListFilter[]).map((f) => (
          <a href={`/admin/knowledge?filter=${f}`} class={f === props.filter ? "button" : "button secondary"}>
            {FILTERS[f]}（{props.counts[f]}）
          </a>
        ))}
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>見出し</th>
              <th>状態</th>
              <th>出典・時点</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.length === 0 ? (
              <tr>
                <td colspan={3}>該当する項目はありません。</td>
              </tr>
            ) : null}
            {props.entries.map(({ composed, stale }) => {
              const shown = composed.draft ?? composed.live;
              return (
                <tr data-entry-id={composed.id}>
                  <td>
                    <a href={`/admin/knowledge/${composed.id}`}>{shown?.label ?? composed.id}</a>
                    <div class="muted">{shown?.questions[0] ?? ""}</div>
                  </td>
                  <td>
                    <StatusBadges composed={composed} stale={stale} />
                  </td>
                  <td class="muted">
                    {shown?.source.title}
                    {shown?.source.asOf ? `（${shown.source.asOf}時点）` : ""}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

function EntryView(props: { entry: KnowledgeEntry }) {
  const { entry } = props;
  return (
    <dl class="fields">
      <dt>見出し</dt>
      <dd>{entry.label}</dd>
      <dt>質問の言い方</dt>
      <dd>
        <ul>
          {entry.questions.map((q) => (
            <li>{q}</li>
          ))}
        </ul>
      </dd>
      <dt>回答</dt>
      <dd>
        <pre class="answer">{entry.answer}</pre>
      </dd>
      <dt>出典</dt>
      <dd>
        {entry.source.url ? <a href={entry.source.url}>{entry.source.title}</a> : entry.source.title}
        {entry.source.asOf ? `（${entry.source.asOf}時点）` : ""}
        {(entry.alsoFrom ?? []).map((s) => (
          <div>
            {s.title}
            {s.asOf ? `（${s.asOf}時点）` : ""}
          </div>
        ))}
      </dd>
      <dt>公開</dt>
      <dd>{entry.status === "published" ? "会員への回答に使う" : "使わない（非公開）"}</dd>
    </dl>
  );
}

const ACTION_NAMES: Record<RevisionRow["action"], string> = {
  draft: "下書き保存",
  publish: "公開",
  revert: "元に戻す",
  discard: "下書きの取り下げ",
};

/** What changed between two versions of an entry, field by field, in words. */
export function changedFields(before: KnowledgeEntry | null, after: KnowledgeEntry | null): string[] {
  if (!before) return ["新しく作成"];
  if (!after) return [];
  const out: string[] = [];
  if (before.label !== after.label) out.push(`見出し：「${before.label}」→「${after.label}」`);
  const added = after.questions.filter((q) => !before.questions.includes(q));
  const removed = before.questions.filter((q) => !after.questions.includes(q));
  if (added.length > 0) out.push(`言い方を追加：${added.map((q) => `「${q}」`).join("")}`);
  if (removed.length > 0) out.push(`言い方を削除：${removed.map((q) => `「${q}」`).join("")}`);
  if (before.answer !== after.answer) out.push("回答の文章を変更");
  if (JSON.stringify(before.source) !== JSON.stringify(after.source)) out.push("出典・時点を変更");
  if (before.status !== after.status)
    out.push(after.status === "published" ? "公開する設定に変更" : "非公開に変更");
  return out.length > 0 ? out : ["変更なし"];
}

export interface HeldOutWarning {
  before: number;
  after: number;
}

export function EntryPage(props: {
  staff: SessionStaff;
  composed: ComposedEntry;
  stale: FaqSource[];
  history: RevisionRow[];
  reviewDays: number;
  flash?: Flash | null;
  warning?: HeldOutWarning | null;
}) {
  const { composed, staff } = props;
  const isAdmin = staff.role === "admin";
  const title = (composed.draft ?? composed.live)?.label ?? composed.id;
  return (
    <Layout title={`よくある質問：${title}`} staff={staff} current="/admin/knowledge" flash={props.flash}>
      <KnowledgeNav current="" />
      <p>
        <StatusBadges composed={composed} stale={props.stale} />
      </p>
      {props.stale.length > 0 ? (
        <p class="warn">
          この回答は {props.stale.map((s) => s.asOf).join("、")} 時点の情報です（{props.reviewDays}
          日以上前）。いまも正しいか出典を確認し、時点を更新してください。
        </p>
      ) : null}
      {props.warning ? (
        <div class="flash error" role="alert">
          <p>
            この下書きを公開すると、回答の正確さを測る評価用の質問での点数（正しくすぐ回答した割合から、誤ってすぐ回答した割合を引いたもの）が{" "}
            {pct(props.warning.before)} → {pct(props.warning.after)} に下がります。
            ほかの項目あての質問に、この項目が回答してしまう可能性があります。内容を見直すか、それでも公開するかを選んでください。
          </p>
          <form method="post" action={`/admin/knowledge/${composed.id}/publish`} data-once>
            <CsrfField token={staff.csrfToken} />
            <input type="hidden" name="acceptLower" value="1" />
            <button type="submit" class="danger">
              それでも公開する
            </button>
          </form>
        </div>
      ) : null}
      <p class="row">
        <a class="button" href={`/admin/knowledge/${composed.id}/edit`}>
          編集する
        </a>
        <a class="button secondary" href={`/admin/knowledge/try?entry=${composed.id}`}>
          回答を試す
        </a>
      </p>
      {composed.draft ? (
        <section class="panel" aria-label="承認待ちの下書き">
          <h2>承認待ちの下書き</h2>
          <p class="muted">{formatJst(composed.row?.draftAt)} 保存。会員への回答にはまだ使われていません。</p>
          <ul>
            {changedFields(composed.live, composed.draft).map((c) => (
              <li>{c}</li>
            ))}
          </ul>
          <EntryView entry={composed.draft} />
          <p class="row">
            {isAdmin ? (
              <form method="post" action={`/admin/knowledge/${composed.id}/publish`} data-once>
                <CsrfField token={staff.csrfToken} />
                <button type="submit">公開する</button>
              </form>
            ) : (
              <span class="muted">管理者が確認して公開します。</span>
            )}
            <form
              method="post"
              action={`/admin/knowledge/${composed.id}/discard`}
              data-confirm="この下書きを取り下げますか？"
            >
              <CsrfField token={staff.csrfToken} />
              <button type="submit" class="secondary">
                下書きを取り下げる
              </button>
            </form>
          </p>
        </section>
      ) : null}
      <section class="panel" aria-label="公開中の内容">
        <h2>会員への回答に使っている内容</h2>
        {composed.live ? <EntryView entry={composed.live} /> : <p>まだ公開されていません。</p>}
      </section>
      <h2>変更の履歴</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>日時</th>
              <th>職員</th>
              <th>操作</th>
              <th>変更点</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.history.length === 0 ? (
              <tr>
                <td colspan={5}>変更はまだありません（初期の内容のままです）。</td>
              </tr>
            ) : null}
            {props.history.map((h) => (
              <tr data-revision-id={h.id}>
                <td class="nowrap">{formatJst(h.at)}</td>
                <td>{h.staffName ?? "—"}</td>
                <td>{ACTION_NAMES[h.action]}</td>
                <td>
                  <ul>
                    {changedFields(h.before, h.after).map((c) => (
                      <li>{c}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  {(h.action === "publish" || h.action === "revert") && h.before ? (
                    <form
                      method="post"
                      action={`/admin/knowledge/${composed.id}/revert/${h.id}`}
                      data-confirm="この変更の前の内容に戻しますか？"
                      data-once
                    >
                      <CsrfField token={staff.csrfToken} />
                      <button type="submit" class="secondary">
                        この変更の前に戻す
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {isAdmin ? null : (
        <p class="muted">職員が「元に戻す」と、戻した内容が下書きになり、管理者の公開で反映されます。</p>
      )}
    </Layout>
  );
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function EntryFormPage(props: {
  staff: SessionStaff;
  id: string | null;
  form: EntryForm;
  errors: string[];
}) {
  const { staff, form } = props;
  const action = props.id ? `/admin/knowledge/${props.id}` : "/admin/knowledge/new";
  return (
    <Layout
      title={props.id ? `よくある質問を編集：${form.label}` : "よくある質問を新しく作る"}
      staff={staff}
      current="/admin/knowledge"
    >
      <KnowledgeNav current={props.id ? "" : "/admin/knowledge/new"} />
      {props.errors.length > 0 ? (
        <div class="flash error" role="alert">
          <ul>
            {props.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={action} class="panel">
        <CsrfField token={staff.csrfToken} />
        <label for="label">見出し（20文字以内。「もしかして」のボタンに出ます）</label>
        <input type="text" id="label" name="label" value={form.label} maxlength={20} required />
        <label for="questions">質問の言い方（1行に1つ。会員が書きそうな言い方をいくつも）</label>
        <textarea id="questions" name="questions" rows={8} required>
          {form.questions}
        </textarea>
        <label for="answer">回答（1000文字以内）</label>
        <textarea id="answer" name="answer" rows={8} required>
          {form.answer}
        </textarea>
        <label for="sourceTitle">出典（どの資料・ページの情報か。必ず入力）</label>
        <input type="text" id="sourceTitle" name="sourceTitle" value={form.sourceTitle} required />
        <label for="sourceUrl">出典のURL（あれば）</label>
        <input type="url" id="sourceUrl" name="sourceUrl" value={form.sourceUrl} />
        <label for="asOf">時点（日付で変わる情報のとき。回答にも「…時点」と書いてください）</label>
        <input type="date" id="asOf" name="asOf" value={form.asOf} />
        <fieldset>
          <legend>会員への回答に使うか</legend>
          <label>
            <input type="radio" name="status" value="published" checked={form.status === "published"} /> 使う
          </label>
          <label>
            <input type="radio" name="status" value="hidden" checked={form.status === "hidden"} />{" "}
            使わない（非公開）
          </label>
        </fieldset>
        <p class="row">
          <button type="submit" name="intent" value="draft" class={staff.role === "admin" ? "secondary" : ""}>
            下書きとして保存
          </button>
          {staff.role === "admin" ? (
            <button type="submit" name="intent" value="publish">
              保存して公開
            </button>
          ) : null}
        </p>
        {staff.role === "admin" ? null : (
          <p class="muted">保存すると下書きになり、管理者が公開すると回答に使われます。</p>
        )}
      </form>
    </Layout>
  );
}
