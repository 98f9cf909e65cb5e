// The dashboard's answer-quality section: per week (Monday to Sunday, Japan time), the share of
// members' questions answered directly, via 「もしかして」, not answered, and handed to a person; the
// entries asked most; and how many FAQ entries wait for an admin or for a date check.
import { FAQ_ENTRIES } from "../../../flows/faq/index.js";
import { staleSources } from "../../knowledge/entry.js";
import { answerableEntries, composeKnowledge, knowledgeRows } from "../../store/knowledge.js";
import { mostAskedEntries, type OutcomeCount, weeklyOutcomes } from "../../store/question-outcomes.js";
import type { AdminDeps } from "../deps.js";
import { formatNumber } from "../format.js";

const WEEKS = 8;
const DAY_MS = 86_400_000;
const JST_OFFSET_MS = 9 * 3_600_000;

export interface WeekFigures {
  start: Date;
  asked: number;
  direct: number;
  suggested: number;
  none: number;
  handover: number;
}

export interface AnswerQuality {
  weeks: WeekFigures[];
  top: { label: string; n: number }[];
  drafts: number;
  toReview: number;
}

/** Monday 00:00 Japan time of the week holding `now`. */
export function startOfJstWeek(now: Date): Date {
  const jst = new Date(now.getTime() + JST_OFFSET_MS);
  const midnight = Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate());
  const sinceMonday = (jst.getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * DAY_MS - JST_OFFSET_MS);
}

export function weekFigures(counts: OutcomeCount[], since: Date, weeks: number): WeekFigures[] {
  const out: WeekFigures[] = Array.from({ length: weeks }, (_, i) => ({
    start: new Date(since.getTime() + i * 7 * DAY_MS),
    asked: 0,
    direct: 0,
    suggested: 0,
    none: 0,
    handover: 0,
  }));
  for (const c of counts) {
    const w = out[c.week];
    if (!w) continue;
    w[c.outcome] += c.n;
    if (c.outcome !== "handover") w.asked += c.n;
  }
  return out.reverse();
}

export async function answerQuality(deps: AdminDeps, now: Date, reviewDays: number): Promise<AnswerQuality> {
  const since = new Date(startOfJstWeek(now).getTime() - (WEEKS - 1) * 7 * DAY_MS);
  const seed = deps.knowledge?.seed ?? FAQ_ENTRIES;
  const [counts, asked, rows] = await Promise.all([
    weeklyOutcomes(deps.db, since),
    mostAskedEntries(deps.db, new Date(now.getTime() - 30 * DAY_MS)),
    knowledgeRows(deps.db),
  ]);
  const composed = composeKnowledge(seed, rows);
  const labels = new Map(composed.map((c) => [c.id, (c.live ?? c.draft)?.label ?? c.id]));
  return {
    weeks: weekFigures(counts, since, WEEKS),
    top: asked.map((a) => ({ label: labels.get(a.entryId) ?? a.entryId, n: a.n })),
    drafts: composed.filter((c) => c.draft).length,
    toReview: answerableEntries(composed).filter((e) => staleSources(e, now, reviewDays).length > 0).length,
  };
}

const share = (part: number, all: number) => (all === 0 ? "—" : `${Math.round((part / all) * 100)}%`);

function weekLabel(start: Date): string {
  const d = new Date(start.getTime() + JST_OFFSET_MS);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}〜`;
}

export function AnswerQualitySection(props: { quality: AnswerQuality; reviewDays: number }) {
  const { quality } = props;
  return (
    <section aria-label="自動回答の状況">
      <h2>自動回答の状況（よくある質問）</h2>
      <div class="cards">
        <div class="card">
          <div class="muted">承認待ちの下書き</div>
          <div class="num">
            <a href="/admin/knowledge?filter=drafts">{formatNumber(quality.drafts)}</a>
          </div>
        </div>
        <div class="card">
          <div class="muted">日付が古く確認が必要な回答</div>
          <div class="num">
            <a href="/admin/knowledge?filter=review">{formatNumber(quality.toReview)}</a>
          </div>
          <div class="muted">{props.reviewDays}日より前の時点の情報</div>
        </div>
        <div class="card">
          <div class="muted">答えられなかった質問</div>
          <div class="num">
            <a href="/admin/knowledge/gaps">一覧へ</a>
          </div>
        </div>
      </div>
      <div class="table-wrap panel">
        <table data-answer-quality>
          <thead>
            <tr>
              <th>週</th>
              <th>質問の数</th>
              <th>すぐ回答</th>
              <th>「もしかして」</th>
              <th>答えられず</th>
              <th>担当者へ</th>
            </tr>
          </thead>
          <tbody>
            {quality.weeks.map((w) => (
              <tr>
                <td class="nowrap">{weekLabel(w.start)}</td>
                <td>{formatNumber(w.asked)}</td>
                <td>{share(w.direct, w.asked)}</td>
                <td>{share(w.suggested, w.asked)}</td>
                <td>{share(w.none, w.asked)}</td>
                <td>{share(w.handover, w.asked)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="muted">
          「担当者へ」は、すぐ回答できなかった質問のあとに「担当者に聞く」が押された割合です。
        </p>
      </div>
      <h3>よく聞かれている項目（過去30日、すぐ回答した数）</h3>
      {quality.top.length === 0 ? (
        <p class="muted">まだ記録がありません。</p>
      ) : (
        <ol data-most-asked>
          {quality.top.map((t) => (
            <li>
              {t.label}（{formatNumber(t.n)}回）
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
