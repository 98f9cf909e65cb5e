// The kana readings of the FAQ's words are generated from flows/faq; an FAQ edit without
// `npm run faq:readings` would leave members who type in kana behind, so CI says so.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FAQ_ENTRIES } from "../../flows/faq/index.js";
import { READINGS_FILE, readingsSource } from "../../scripts/faq-readings.js";
import { createOfflineAnswerer } from "../../src/answerer/offline/index.js";

describe("kana readings", () => {
  it("flows/faq/readings.generated.ts is up to date (run `npm run faq:readings`)", async () => {
    expect(readFileSync(READINGS_FILE, "utf8")).toBe(await readingsSource());
  }, 60_000);

  it.each([
    ["まいなんばーかーどにほけんしょうのじょうほうははいっていますか", "card-no-insurance-data"],
    ["じゅりょういにんしょうだくつうちしょがみつからない", "number-where"],
    ["うんようかいしびはどこでとうろくしますか", "start-date"],
  ])("「%s」 is answered like its kanji form", (kana, id) => {
    const answerer = createOfflineAnswerer(FAQ_ENTRIES);
    const withoutReadings = createOfflineAnswerer(FAQ_ENTRIES, { readings: [] });
    expect(answerer.rank(kana, 1)[0]?.entry.id).toBe(id);
    expect(answerer.rank(kana, 1)[0]!.score).toBeGreaterThan(withoutReadings.rank(kana, 1)[0]?.score ?? 0);
  });
});
