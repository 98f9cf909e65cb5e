// `npm run eval:faq`: tunes the offline answerer's thresholds on the tune half of the labelled
// questions, then reports accuracy, safety and latency on the test half, plainly.
import { performance } from "node:perf_hooks";
import { FAQ_ENTRIES } from "../flows/faq/index.js";
import { createOfflineAnswerer, DEFAULT_THRESHOLDS } from "../src/answerer/offline/index.js";
import { loadEvalSet, measure, percentile, rankAll, tuneThresholds } from "../test/faq-eval/evaluate.js";

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const { tune, test } = loadEvalSet();
const answerer = createOfflineAnswerer(FAQ_ENTRIES);

const tuneResults = rankAll(answerer, tune);
const tuned = tuneThresholds(tuneResults);
const onTune = measure(tuneResults, tuned);
const testResults = rankAll(answerer, test);
const m = measure(testResults, tuned);

const timings: number[] = [];
const timed = createOfflineAnswerer(FAQ_ENTRIES, tuned);
for (let round = 0; round < 20; round++)
  for (const { q } of test) {
    const start = performance.now();
    timed.answer(q);
    timings.push(performance.now() - start);
  }
timings.sort((a, b) => a - b);

console.log(`FAQ entries: ${FAQ_ENTRIES.length}; questions: tune ${tune.length}, test ${test.length}`);
console.log(`thresholds tuned on "tune": ${JSON.stringify(tuned)}`);
console.log(
  `tune (for reference): top-1 ${pct(onTune.top1)}, top-3 ${pct(onTune.top3)}, wrong confident ${pct(onTune.wrongConfident)}, confident and right ${pct(onTune.confidentRight)}`,
);
console.log(`test (${m.questions} questions, ${m.answerable} answerable):`);
console.log(`  top-1 accuracy (answerable)   ${pct(m.top1)}   target >= 90 %`);
console.log(`  top-3 recall (answerable)     ${pct(m.top3)}`);
console.log(`  confident and right           ${pct(m.confidentRight)}`);
console.log(`  wrong confident (all)         ${pct(m.wrongConfident)}   target <= 2 %`);
console.log(`  none precision                ${pct(m.nonePrecision)}`);
console.log(`  none recall                   ${pct(m.noneRecall)}`);
console.log(
  `  latency p50 ${percentile(timings, 0.5).toFixed(3)} ms, p95 ${percentile(timings, 0.95).toFixed(3)} ms   target p95 < 5 ms`,
);

const missesOf = process.argv.includes("--misses-tune") ? tuneResults : testResults;
if (process.argv.some((a) => a.startsWith("--misses")))
  for (const { item, ranked } of missesOf)
    if (item.expect !== "none" && ranked[0]?.entry.id !== item.expect)
      console.log(
        `  miss: ${item.q} → ${ranked.map((r) => `${r.entry.id}:${r.score.toFixed(2)}`).join(" ")} (want ${item.expect})`,
      );

const same = (Object.keys(tuned) as (keyof typeof tuned)[]).every((k) => tuned[k] === DEFAULT_THRESHOLDS[k]);
if (!same)
  console.log(
    `note: DEFAULT_THRESHOLDS in src/answerer/offline/index.ts are ${JSON.stringify(DEFAULT_THRESHOLDS)}`,
  );
