// The learned intent model (src/answerer/offline/intent-model.ts) and how the answerer uses it.
import { describe, expect, it } from "vitest";
import { FAQ_ENTRIES } from "../../flows/faq/index.js";
import { INTENT_MODEL } from "../../flows/faq/intent-model.generated.js";
import { currentFingerprint } from "../../scripts/faq-model.js";
import {
  createOfflineAnswerer,
  DEFAULT_MODEL_THRESHOLDS,
  DEFAULT_THRESHOLDS,
  decide,
} from "../../src/answerer/offline/index.js";
import { loadIntentModel, trainIntentModel } from "../../src/answerer/offline/intent-model.js";
import type { FaqEntry } from "../../src/answerer/types.js";

const toy = [
  { text: "ほじょきんはいくら", label: "subsidy" },
  { text: "ほじょきんのしめきり", label: "subsidy" },
  { text: "めーるがこない", label: "mail" },
  { text: "めーるがとどかない", label: "mail" },
  { text: "かいひのふりこみ", label: "outside-fees" },
  { text: "かいひはいくら", label: "outside-fees" },
];

describe("trainIntentModel", () => {
  it("learns which words tell one class from another, and gives the same model for the same examples", () => {
    const model = trainIntentModel(toy, {}, { epochs: 20 });
    expect(trainIntentModel(toy, {}, { epochs: 20 }).weights).toBe(model.weights);
    const loaded = loadIntentModel(model);
    const top = (text: string) => {
      const p = loaded.probabilities(text);
      return loaded.classes[p.indexOf(Math.max(...p))];
    };
    // 「いくら」 is in both a subsidy and a fees example: the other word decides.
    expect(top("ほじょきんいくら")).toBe("subsidy");
    expect(top("かいひいくら")).toBe("outside-fees");
    expect(top("めーるこない")).toBe("mail");
    const p = loaded.probabilities("ほじょきん");
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
});

describe("the shipped intent model (flows/faq/intent-model.generated.ts)", () => {
  it("was trained on the knowledge as it is now (run `npm run faq:model`)", () => {
    expect(INTENT_MODEL.fingerprint).toBe(currentFingerprint());
    expect(INTENT_MODEL.classes).toEqual(expect.arrayContaining(FAQ_ENTRIES.map((e) => e.id)));
  });

  it("answers outright what the lexical ranking alone only offers: 「きかいは何をかえばいいの」", () => {
    const q = "きかいは何をかえばいいの";
    expect(createOfflineAnswerer(FAQ_ENTRIES, { model: null }).answer(q).kind).not.toBe("confident");
    expect(createOfflineAnswerer(FAQ_ENTRIES).answer(q)).toMatchObject({
      kind: "confident",
      entry: { id: "device-types" },
    });
  });

  it("never answers with an entry staff removed, however sure it is", () => {
    const q = "きかいは何をかえばいいの";
    const without = FAQ_ENTRIES.filter((e) => e.id !== "device-types");
    const r = createOfflineAnswerer(without).answer(q);
    if (r.kind === "confident") expect(r.entry.id).not.toBe("device-types");
    if (r.kind === "unsure") expect(r.candidates.map((e) => e.id)).not.toContain("device-types");
  });

  it("has no say about an entry whose answer staff rewrote: the lexical ranking decides it, as for a new one", () => {
    const q = "きかいは何をかえばいいの";
    const rewritten = FAQ_ENTRIES.map((e) =>
      e.id === "device-types" ? { ...e, answer: "テスト用に書き換えた回答です。" } : e,
    );
    const answerer = createOfflineAnswerer(rewritten);
    expect(answerer.intent(q)?.entry?.id).not.toBe("device-types");
    expect(answerer.answer(q).kind).toBe(createOfflineAnswerer(rewritten, { model: null }).answer(q).kind);
  });

  it("leaves an entry staff added after training to the lexical ranking, which answers it", () => {
    const added: FaqEntry = {
      id: "staff-parking",
      label: "研修会場の駐輪場",
      questions: ["研修会場に駐輪場はありますか", "自転車で研修会場に行けますか"],
      answer: "研修会場には駐輪場があります（本会事務局）。",
      source: { title: "本会事務局" },
    };
    const r = createOfflineAnswerer([...FAQ_ENTRIES, added]).answer("研修会場に自転車でいけますか");
    expect(r).toMatchObject({ kind: "confident", entry: { id: "staff-parking" } });
  });
});

describe("decide with the model's view", () => {
  const [a, b, c] = FAQ_ENTRIES as [FaqEntry, FaqEntry, FaqEntry];
  const ranked = [
    { entry: a, score: 0.32 },
    { entry: b, score: 0.31 },
  ];
  const knows = () => true;

  it("offers the model's likeliest entry first among 「もしかして」, even when the ranking missed it", () => {
    const r = decide(ranked, DEFAULT_THRESHOLDS, { entry: c, p: 0.3, outside: 0.05, knows });
    expect(r.kind).toBe("unsure");
    if (r.kind === "unsure") expect(r.candidates.map((e) => e.id)).toEqual([c.id, a.id, b.id]);
  });

  it("answers outright when the model is sure and the topics not covered are unlikely, not when they are likely", () => {
    const sure = { entry: c, p: 0.95, outside: 0.02, knows };
    expect(decide(ranked, DEFAULT_THRESHOLDS, sure)).toMatchObject({
      kind: "confident",
      entry: { id: c.id },
    });
    const outside = { ...sure, p: 0.6, outside: DEFAULT_MODEL_THRESHOLDS.none + 0.1 };
    expect(decide(ranked, DEFAULT_THRESHOLDS, outside).kind).toBe("none");
  });
});
