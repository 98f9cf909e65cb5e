// The journey funnel as an SVG bar chart drawn on the server (no chart library, no CDN): one bar per
// step in journey order, its length proportional to the members currently at that step.
import { JOURNEY_STEPS } from "../../engine/types.js";
import { EXEMPT_LABEL, NO_STEP_LABEL, STEP_LABELS } from "../format.js";

const BAR_HEIGHT = 26;
const GAP = 8;
const LABEL_WIDTH = 150;
const CHART_WIDTH = 600;

export function StepChart(props: {
  perStep: Array<{ step: string | null; count: number }>;
  exempt?: number;
}) {
  const counts = new Map(props.perStep.map((r) => [r.step, r.count]));
  const rows = [
    { label: NO_STEP_LABEL, count: counts.get(null) ?? 0 },
    ...JOURNEY_STEPS.map((step) => ({ label: STEP_LABELS[step], count: counts.get(step) ?? 0 })),
    // Exempt members are counted here only (perStep leaves them out): the bars add up to the friends.
    ...(props.exempt !== undefined ? [{ label: EXEMPT_LABEL, count: props.exempt }] : []),
  ];
  const max = Math.max(1, ...rows.map((r) => r.count));
  const barSpace = CHART_WIDTH - LABEL_WIDTH - 60;
  const height = rows.length * (BAR_HEIGHT + GAP);
  return (
    <svg
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-label="進捗ごとの会員数"
      style="max-width:640px;display:block"
    >
      {rows.map((row, i) => {
        const y = i * (BAR_HEIGHT + GAP);
        const width = Math.round((row.count / max) * barSpace);
        return (
          <g>
            <text
              x={LABEL_WIDTH - 8}
              y={y + BAR_HEIGHT * 0.7}
              text-anchor="end"
              font-size="13"
              fill="#1f2933"
            >
              {row.label}
            </text>
            <rect
              x={LABEL_WIDTH}
              y={y}
              width={Math.max(width, 1)}
              height={BAR_HEIGHT}
              rx="4"
              fill="#0b6b3a"
            />
            <text x={LABEL_WIDTH + width + 6} y={y + BAR_HEIGHT * 0.7} font-size="13" fill="#1f2933">
              {row.count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
