// A learned intent model beside the lexical ranker: multinomial logistic regression over hashed
// character n-grams of the normalized question, trained on every phrasing of every entry and on the
// out-of-scope topics' questions (`npm run faq:model` writes flows/faq/intent-model.generated.ts).
// Why: TF-IDF weighs n-grams by rarity, not by whether they tell one entry from another or from
// "same words, not answered here"; trained weights do, so its probability says when to answer outright.
// Pure and deterministic (seeded shuffle), no dependencies: the same code trains and scores.
import { charGrams } from "./normalize.js";

/** Hashed feature space: 4,096 buckets keep the shipped weights small (≈ 390 KB as bytes) at little cost. */
export const MODEL_BUCKETS = 4096;
/** Weights are stored as integers in [-LEVELS, LEVELS] times `scale`: 5 bits carry what 32 did. */
const LEVELS = 15;

export interface TrainingExample {
  /** The question already normalized as the answerer reads it. */
  text: string;
  /** Entry id, or `outside-<topic id>` for a topic the knowledge does not cover. */
  label: string;
}

/** What the model learnt a class to be: the hash of the entry's answer (a topic's: its id). */
export type ClassAnswers = Readonly<Record<string, string>>;

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
}

/** What `npm run faq:model` writes: plain data, so it can live in a generated module. */
export interface StoredIntentModel {
  /** Hash of the training examples and options: a test says when the model is older than the knowledge. */
  fingerprint: string;
  classes: readonly string[];
  /**
   * Per class, the hash of the answer it was trained with (answerHash): an entry whose answer staff
   * rewrote is no longer the one the model learnt, so the model has no say about it.
   */
  answers: ClassAnswers;
  buckets: number;
  scale: number;
  bias: readonly number[];
  /** buckets × classes signed bytes, base64. */
  weights: string;
}

export interface IntentModel {
  readonly classes: readonly string[];
  readonly answers: ClassAnswers;
  /** Class probabilities (same order as `classes`) for a normalized question; `temperature` > 1 softens them. */
  probabilities(text: string, temperature?: number): Float64Array;
}

const DEFAULTS: Required<TrainOptions> = { epochs: 30, learningRate: 0.5, l2: 1e-5, seed: 1 };

/** FNV-1a over UTF-16 code units, unsigned 32-bit: stable across Node and workerd. */
function fnv1a(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const bucketOf = (gram: string, buckets: number): number => fnv1a(gram) % buckets;

/** The distinct buckets of a normalized question's n-grams. */
function featuresOf(text: string, buckets: number): number[] {
  return [...new Set(charGrams(text).map((g) => bucketOf(g, buckets)))];
}

function logits(
  fs: number[],
  weights: ArrayLike<number>,
  bias: ArrayLike<number>,
  k: number,
  out: Float64Array,
) {
  // Longer questions have more n-grams: features are scaled so that length alone does not make it sure.
  const s = 1 / Math.sqrt(fs.length || 1);
  for (let c = 0; c < k; c++) {
    let a = bias[c]!;
    for (const f of fs) a += weights[f * k + c]! * s;
    out[c] = a;
  }
}

function softmaxInPlace(z: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp((z[c]! - max) / temperature);
    sum += z[c]!;
  }
  for (let c = 0; c < z.length; c++) z[c]! /= sum;
  return z;
}

/** A seeded linear congruential generator: the same examples always give the same model. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
}

/** Trains with AdaGrad over shuffled examples; returns the quantized model as it is stored. */
export function trainIntentModel(
  examples: readonly TrainingExample[],
  answers: ClassAnswers,
  options: TrainOptions = {},
  fingerprint = "",
): StoredIntentModel {
  const o = { ...DEFAULTS, ...options };
  const classes = [...new Set(examples.map((e) => e.label))].sort();
  const index = new Map(classes.map((c, i) => [c, i]));
  const k = classes.length;
  const b = MODEL_BUCKETS;
  const w = new Float32Array(b * k);
  const g2 = new Float32Array(b * k).fill(1e-8);
  const bias = new Float64Array(k);
  const xs = examples.map((e) => featuresOf(e.text, b));
  const ys = examples.map((e) => index.get(e.label)!);
  const order = xs.map((_, i) => i);
  const next = random(o.seed);
  const z = new Float64Array(k);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const fs = xs[n]!;
      const s = 1 / Math.sqrt(fs.length || 1);
      logits(fs, w, bias, k, z);
      softmaxInPlace(z);
      for (let c = 0; c < k; c++) {
        const g = z[c]! - (c === ys[n] ? 1 : 0);
        // Classes the example says nothing about are not touched (most of them, most of the time).
        if (Math.abs(g) < 1e-4) continue;
        for (const f of fs) {
          const p = f * k + c;
          const step = g * s + o.l2 * w[p]!;
          g2[p]! += step * step;
          w[p]! -= (o.learningRate * step) / Math.sqrt(g2[p]!);
        }
        bias[c]! -= 0.05 * g;
      }
    }
  }
  // A constant added to one feature's weights across all classes does not change a softmax: each
  // feature is centred, so the weights are small and quantize well.
  let max = 0;
  for (let f = 0; f < b; f++) {
    let mean = 0;
    for (let c = 0; c < k; c++) mean += w[f * k + c]!;
    mean /= k;
    for (let c = 0; c < k; c++) {
      w[f * k + c]! -= mean;
      max = Math.max(max, Math.abs(w[f * k + c]!));
    }
  }
  const scale = max / LEVELS || 1;
  const bytes = new Uint8Array(b * k);
  for (let p = 0; p < bytes.length; p++) bytes[p] = Math.round(w[p]! / scale) & 0xff;
  return {
    fingerprint,
    classes,
    answers: Object.fromEntries(classes.map((c) => [c, answers[c] ?? ""])),
    buckets: b,
    scale,
    bias: Array.from(bias, (x) => Math.round(x * 1e4) / 1e4),
    weights: toBase64(bytes),
  };
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The stored model, decoded once (≈ 390 KB of weights as float32 ≈ 1.5 MB in memory). */
export function loadIntentModel(stored: StoredIntentModel): IntentModel {
  const binary = atob(stored.weights);
  const k = stored.classes.length;
  const weights = new Float32Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    const byte = binary.charCodeAt(i);
    weights[i] = (byte > 127 ? byte - 256 : byte) * stored.scale;
  }
  const bias = Float64Array.from(stored.bias);
  return {
    classes: stored.classes,
    answers: stored.answers,
    probabilities(text, temperature = 1) {
      const z = new Float64Array(k);
      logits(featuresOf(text, stored.buckets), weights, bias, k, z);
      return softmaxInPlace(z, temperature);
    },
  };
}

/** A short stable hash of the training examples and options. */
export function intentFingerprint(
  examples: readonly TrainingExample[],
  answers: ClassAnswers,
  options: TrainOptions = {},
): string {
  return shortHash(JSON.stringify([{ ...DEFAULTS, ...options }, MODEL_BUCKETS, LEVELS, examples, answers]));
}

/** The hash an entry's answer is known by (see StoredIntentModel.answers). */
export const answerHash = (answer: string): string => shortHash(answer);

/** Two 32-bit hashes (FNV-1a and djb2), hex: stable across Node and workerd. */
function shortHash(text: string): string {
  let h2 = 5381;
  for (let i = 0; i < text.length; i++) h2 = Math.imul(h2, 33) ^ text.charCodeAt(i);
  const hex = (h: number) => (h >>> 0).toString(16).padStart(8, "0");
  return `${hex(fnv1a(text))}${hex(h2)}`;
}
