// GET /admin: where the members stand, what needs attention, and how much of the LINE quota is left.
import type { Context } from "hono";
import { coverageCounts } from "../../store/roster-coverage.js";
import { dashboardFigures } from "../../store/staff-dashboard.js";
import { staffAlertsSince } from "../../store/staff-inquiries.js";
import type { AdminEnv, AdminOptions } from "../deps.js";
import { formatNumber, startOfJstMonth } from "../format.js";
import type { Quota } from "../quota.js";
import { CoverageLine } from "../roster/coverage-line.js";
import { AnswerQualitySection, answerQuality } from "./answer-quality.js";
import { Layout } from "./layout.js";
import { StepChart } from "./step-chart.js";

export async function dashboardPage(c: Context<AdminEnv>, options: AdminOptions) {
  const { deps } = options;
  const now = deps.clock.now();
  const [figures, quota, alerts, coverage, quality] = await Promise.all([
    dashboardFigures(deps.db, now),
    readQuota(options),
    deps.staffGroup ? staffAlertsSince(deps.db, startOfJstMonth(now)) : null,
    coverageCounts(deps.db),
    answerQuality(deps, now, options.knowledgeReviewDays ?? 365),
  ]);
  return c.html(
    <Layout title="ダッシュボード" staff={c.get("staff")} current="/admin">
      {coverage.total > 0 ? (
        <div class="panel">
          <CoverageLine counts={coverage} href="/admin/roster/coverage" />
        </div>
      ) : null}
      <div class="cards">
        <Card
          label="友だち（有効）"
          value={formatNumber(figures.activeMembers)}
          note={`ブロック等 ${figures.inactiveMembers}`}
        />
        <Card label="過去7日の新しい友だち" value={formatNumber(figures.newFollows7d)} />
        <Card
          label="未対応のお問い合わせ"
          value={formatNumber(figures.openInquiries)}
          href="/admin/inquiries"
        />
        <Card label="24時間以内に送るリマインダー" value={formatNumber(figures.remindersNext24h)} />
        <QuotaCard quota={quota} />
        <Card
          label="職員グループへの通知（今月）"
          value={alerts === null ? "—" : `${formatNumber(alerts)} 通`}
          note={
            alerts === null
              ? "通知先の職員グループが決まっていないため、使っていません（設定は技術担当者に依頼してください）"
              : "新しいお問い合わせをLINEグループに知らせた数。今月の送信数に含まれます"
          }
        />
      </div>
      <h2>進捗ごとの会員数（有効な友だち）</h2>
      <div class="panel">
        <StepChart perStep={figures.perStep} exempt={figures.exemptMembers} />
      </div>
      <AnswerQualitySection quality={quality} reviewDays={options.knowledgeReviewDays ?? 365} />
    </Layout>,
  );
}

async function readQuota(options: AdminOptions): Promise<Quota | "unavailable" | null> {
  if (!options.quota) return null;
  try {
    return await options.quota.get();
  } catch (error) {
    options.deps.logger.error("admin.quota.failed", { name: (error as Error).name });
    return "unavailable";
  }
}

function Card(props: { label: string; value: string; note?: string; href?: string }) {
  return (
    <div class="card">
      <div class="muted">{props.label}</div>
      <div class="num">{props.href ? <a href={props.href}>{props.value}</a> : props.value}</div>
      {props.note ? <div class="muted">{props.note}</div> : null}
    </div>
  );
}

function QuotaCard(props: { quota: Quota | "unavailable" | null }) {
  const { quota } = props;
  if (quota === null)
    return <Card label="今月の送信数（LINE）" value="—" note="LINE APIが設定されていません" />;
  if (quota === "unavailable")
    return <Card label="今月の送信数（LINE）" value="—" note="取得できませんでした" />;
  const note =
    quota.limit === null
      ? "上限なし"
      : `上限 ${formatNumber(quota.limit)} 通／残り ${formatNumber(Math.max(0, quota.limit - quota.used))} 通`;
  return <Card label="今月の送信数（LINE）" value={`${formatNumber(quota.used)} 通`} note={note} />;
}
