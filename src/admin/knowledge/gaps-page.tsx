// 「答えられなかった質問」: members' questions the bot did not answer directly, grouped, with counts,
// and from each group: add it as a phrasing of an entry, or write a new entry.
import type { GapGroup } from "../../knowledge/gaps.js";
import type { SessionStaff } from "../../store/staff-sessions.js";
import { formatJst } from "../format.js";
import { CsrfField, type Flash, Layout } from "../pages/layout.js";
import { KnowledgeNav } from "./pages.js";

export interface ListedGap {
  group: GapGroup;
  /** The entry the answerer ranks first for it now (suggested in the list). */
  nearestId: string | null;
  /** What the published knowledge does with it now. */
  now: "confident" | "unsure" | "none";
  nowLabel: string | null;
}

export function GapsPage(props: {
  staff: SessionStaff;
  gaps: ListedGap[];
  entries: { id: string; label: string }[];
  days: number;
  showSolved: boolean;
  solved: number;
  flash?: Flash | null;
}) {
  const { staff } = props;
  return (
    <Layout title="答えられなかった質問" staff={staff} current="/admin/knowledge" flash={props.flash}>
      <KnowledgeNav current="/admin/knowledge/gaps" />
      <p class="muted">
        過去{props.days}
        日に、会員の質問にすぐ回答できなかったもの（答えられなかった・「もしかして」だけ出した・そのあと「担当者に聞く」を押された）です。似た質問はまとめています。
        名前や電話番号などは保存の前に取り除いています。
      </p>
      <p>
        {props.showSolved ? (
          <a href="/admin/knowledge/gaps">いまもすぐ回答できない質問だけを表示</a>
        ) : props.solved > 0 ? (
          <a href="/admin/knowledge/gaps?all=1">いまはすぐ回答できる質問（{props.solved}件）も表示</a>
        ) : null}
      </p>
      {props.gaps.length === 0 ? <p class="panel">いま対応が必要な質問はありません。</p> : null}
      {props.gaps.map(({ group, nearestId, now, nowLabel }, i) => (
        <section class="panel" data-gap={group.question}>
          <h2 style="margin-top:0">
            「{group.question}」 <span class="badge">{group.count}回</span>
          </h2>
          <p class="muted">
            答えられなかった {group.none}回・「もしかして」だけ {group.suggested}回・担当者へ {group.handover}
            回。最後は {formatJst(group.lastAt)}。
            {now === "confident" ? <span class="badge ok">いまは「{nowLabel}」ですぐ回答します</span> : null}
          </p>
          {group.variants.length > 0 ? (
            <p class="muted">
              似た質問：
              {group.variants
                .slice(0, 5)
                .map((v) => `「${v}」`)
                .join("")}
            </p>
          ) : null}
          <form method="post" action="/admin/knowledge/gaps/phrasing" class="row">
            <CsrfField token={staff.csrfToken} />
            <div>
              <label for={`q${i}`}>追加する言い方</label>
              <input type="text" id={`q${i}`} name="question" value={group.question} maxlength={200} />
            </div>
            <div>
              <label for={`e${i}`}>どの項目の言い方にするか</label>
              <select id={`e${i}`} name="entryId">
                {props.entries.map((e) => (
                  <option value={e.id} selected={e.id === nearestId}>
                    {e.label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">この項目の言い方に追加</button>
            <a
              class="button secondary"
              href={`/admin/knowledge/new?question=${encodeURIComponent(group.question)}`}
            >
              新しい項目を作る
            </a>
          </form>
        </section>
      ))}
    </Layout>
  );
}
