// GET /admin/members: search by exact name or phone (blind index), clinic-name fragment or user id;
// filter by step, affiliation and status; the masked name beside the clinic; paginated.
import { AFFILIATIONS, JOURNEY_STEPS } from "../../engine/types.js";
import type { SessionStaff } from "../../store/staff-sessions.js";
import { EXEMPT_LABEL, formatJst, memberStateLabel, NO_STEP_LABEL, STEP_LABELS } from "../format.js";
import { type Flash, Layout, Pager } from "../pages/layout.js";
import type { MemberListItem, MemberSearch } from "./search.js";

export interface ListView {
  staff: SessionStaff;
  search: MemberSearch;
  items: MemberListItem[];
  total: number;
  page: number;
  pageSize: number;
  flash?: Flash | null;
}

export function MemberListPage(view: ListView) {
  const { search } = view;
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(search)) if (v) query[k] = String(v);
  return (
    <Layout title="会員" staff={view.staff} current="/admin/members" flash={view.flash}>
      <form method="get" action="/admin/members" class="panel row">
        <div>
          <label for="q">氏名・電話番号・施術所名・登録記号番号</label>
          <input
            type="search"
            id="q"
            name="q"
            value={search.q ?? ""}
            placeholder="例：鈴木 一郎／0480000000／〇〇接骨院／協1101234-5-6"
          />
          <div class="muted">
            氏名（姓だけ・名だけでも）、電話番号、登録記号番号は全部を入力してください（一部だけでは探せません）。施術所名は一部でも探せます。
          </div>
        </div>
        <div>
          <label for="step">進捗</label>
          <select id="step" name="step">
            <option value="">すべて</option>
            <option value="none" selected={search.step === "none"}>
              {NO_STEP_LABEL}
            </option>
            {JOURNEY_STEPS.map((s) => (
              <option value={s} selected={search.step === s}>
                {STEP_LABELS[s]}
              </option>
            ))}
            <option value="exempt" selected={search.step === "exempt"}>
              {EXEMPT_LABEL}
            </option>
          </select>
        </div>
        <div>
          <label for="affiliation">所属機関</label>
          <select id="affiliation" name="affiliation">
            <option value="">すべて</option>
            {AFFILIATIONS.map((a) => (
              <option value={a} selected={search.affiliation === a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="status">状態</label>
          <select id="status" name="status">
            <option value="">すべて</option>
            <option value="active" selected={search.status === "active"}>
              有効
            </option>
            <option value="inactive" selected={search.status === "inactive"}>
              ブロック・退会
            </option>
          </select>
        </div>
        <div>
          <button type="submit">絞り込む</button>
        </div>
      </form>
      <Pager page={view.page} pageSize={view.pageSize} total={view.total} query={query} />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>施術所名</th>
              <th>氏名</th>
              <th>進捗</th>
              <th>所属機関</th>
              <th>状態</th>
              <th>最終利用</th>
            </tr>
          </thead>
          <tbody>
            {view.items.length === 0 ? (
              <tr>
                <td colspan={6}>該当する会員はいません。</td>
              </tr>
            ) : (
              view.items.map(({ member, clinicName, maskedName }) => (
                <tr data-user-id={member.userId}>
                  <td>
                    <a href={`/admin/members/${encodeURIComponent(member.userId)}`}>
                      {clinicName || "施術所名が未登録の会員"}
                    </a>
                  </td>
                  <td>{maskedName || "—"}</td>
                  <td>{memberStateLabel(member)}</td>
                  <td>{member.affiliation ?? "—"}</td>
                  <td>{member.status === "active" ? "有効" : <span class="badge">ブロック・退会</span>}</td>
                  <td>{formatJst(member.lastSeenAt)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
