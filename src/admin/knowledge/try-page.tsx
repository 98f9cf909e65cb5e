// 「回答を試す」: a question typed by staff, answered as a member would be answered — from what is
// published, and from the knowledge with every draft in — with the top entries and their scores.
import type { Thresholds } from "../../answerer/offline/index.js";
import type { FaqMatch, FaqResult } from "../../answerer/types.js";
import type { LineMessage } from "../../engine/types.js";
import type { SessionStaff } from "../../store/staff-sessions.js";
import { Layout } from "../pages/layout.js";
import { KnowledgeNav } from "./pages.js";

export interface TryOutcome {
  result: FaqResult;
  replies: LineMessage[];
  ranked: FaqMatch[];
  thresholds: Thresholds;
}

const KIND: Record<FaqResult["kind"], string> = {
  confident: "この項目ですぐに回答します",
  unsure: "「もしかして」で候補を出します（すぐには回答しません）",
  none: "答えられません（担当者への質問をご案内します）",
};

function Bubbles(props: { replies: LineMessage[] }) {
  return (
    <div class="phone">
      {props.replies.map((m) => (
        <div class="bubble" style="margin-bottom:.5rem">
          {m.type === "text" ? m.text : "（カード）"}
          {m.quickReply ? (
            <div class="muted" style="margin-top:.5rem">
              ボタン：{(m.quickReply.items ?? []).map((i) => `［${i.action?.label ?? ""}］`).join(" ")}
            </div>
          ) : null}
        </div>
      ))}
    </div>
  );
}

function Outcome(props: { title: string; outcome: TryOutcome; testId: string }) {
  const { outcome } = props;
  const top = outcome.ranked[0]?.score ?? 0;
  return (
    <section class="panel" data-try={props.testId} aria-label={props.title}>
      <h2>{props.title}</h2>
      <p data-try-kind={outcome.result.kind}>
        <strong>{KIND[outcome.result.kind]}</strong>
      </p>
      <Bubbles replies={outcome.replies} />
      <h3>近い項目と点数</h3>
      <table>
        <thead>
          <tr>
            <th>順位</th>
            <th>項目</th>
            <th>点数</th>
          </tr>
        </thead>
        <tbody>
          {outcome.ranked.length === 0 ? (
            <tr>
              <td colspan={3}>近い項目はありません。</td>
            </tr>
          ) : null}
          {outcome.ranked.map((m, i) => (
            <tr data-rank-entry={m.entry.id}>
              <td>{i + 1}</td>
              <td>
                {m.outside?.fallback ? (
                  <span>
                    よくある質問では答えのない質問の例（会員には「お答えできる情報がありません」と返し、担当者をご案内します）
                  </span>
                ) : m.outside ? (
                  <span>範囲外の話題：{m.outside.about}（会員には「お答えできません」と返します）</span>
                ) : (
                  <a href={`/admin/knowledge/${m.entry.id}`}>{m.entry.label}</a>
                )}
              </td>
              <td class="nowrap">
                <span class="bar" style={`width:${Math.round((m.score / Math.max(top, 0.01)) * 80)}px`} />{" "}
                {m.score.toFixed(3)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">
        すぐに回答するのは、1位の点数が {outcome.thresholds.confident} 以上で、2位が1位の{" "}
        {Math.round(outcome.thresholds.lead * 100)}% 以下のときです。{outcome.thresholds.suggest}{" "}
        以上の項目は「もしかして」の候補になります。
      </p>
    </section>
  );
}

export function TryPage(props: {
  staff: SessionStaff;
  question: string;
  live: TryOutcome | null;
  withDrafts: TryOutcome | null;
  drafts: number;
}) {
  return (
    <Layout title="回答を試す" staff={props.staff} current="/admin/knowledge">
      <KnowledgeNav current="/admin/knowledge/try" />
      <form method="get" action="/admin/knowledge/try" class="panel">
        <label for="q">会員になったつもりで質問を入力してください</label>
        <input type="text" id="q" name="q" value={props.question} maxlength={600} required />
        <p>
          <button type="submit">試す</button>
        </p>
        <p class="muted">ここで試した質問は記録されません。承認待ちの下書きは {props.drafts} 件です。</p>
      </form>
      {props.live ? (
        <div class="compare">
          <Outcome title="いま会員に返す回答（公開中の内容）" outcome={props.live} testId="live" />
          {props.withDrafts ? (
            <Outcome title="下書きをすべて公開した場合" outcome={props.withDrafts} testId="drafts" />
          ) : null}
        </div>
      ) : null}
    </Layout>
  );
}
