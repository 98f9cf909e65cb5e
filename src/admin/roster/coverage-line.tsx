// The one-line summary of the roster campaign, shared by the dashboard and the coverage page:
// 「名簿 1,180 件：導入完了 612・途中 203・未着手 95・LINE未登録 270・対象外 0」.
import type { CoverageState } from "../../store/roster-coverage.js";
import { formatNumber } from "../format.js";

export type CoverageCounts = Record<CoverageState, number> & { total: number };

export const COVERAGE_LABELS: Record<CoverageState, string> = {
  notOnLine: "LINE未登録",
  notStarted: "未着手",
  inProgress: "途中",
  done: "導入完了",
  exempt: "対象外（届出）",
};

const ORDER: CoverageState[] = ["done", "inProgress", "notStarted", "notOnLine", "exempt"];
const SHORT: Record<CoverageState, string> = { ...COVERAGE_LABELS, exempt: "対象外" };

export function coverageText(counts: CoverageCounts): string {
  const parts = ORDER.map((s) => `${SHORT[s]} ${formatNumber(counts[s])}`);
  return `名簿 ${formatNumber(counts.total)} 件：${parts.join("・")}`;
}

export function CoverageLine(props: { counts: CoverageCounts; href?: string }) {
  const line = coverageText(props.counts);
  return (
    <p data-testid="coverage-line">
      <strong>{props.href ? <a href={props.href}>{line}</a> : line}</strong>
    </p>
  );
}
