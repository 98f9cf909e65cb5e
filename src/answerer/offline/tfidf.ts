// A small TF-IDF index over character n-grams with cosine scoring through inverted lists,
// built once so a question costs only the postings of its own n-grams.
import { charGrams, isConcept } from "./normalize.js";

type Vector = Map<string, number>;
/** How much more a whole synonym concept weighs than one character n-gram (chosen on the tune half). */
const BOOST = 3;

function countGrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const g of charGrams(text)) counts.set(g, (counts.get(g) ?? 0) + 1);
  return counts;
}

/** Inverse document frequencies, with one weight for n-grams the index never saw. */
export class Idf {
  private readonly idf = new Map<string, number>();
  readonly unseen: number;

  constructor(groups: readonly (readonly string[])[]) {
    const df = new Map<string, number>();
    for (const texts of groups) {
      const seen = new Set<string>();
      for (const t of texts) for (const g of charGrams(t)) seen.add(g);
      for (const g of seen) df.set(g, (df.get(g) ?? 0) + 1);
    }
    const n = groups.length;
    for (const [g, d] of df) this.idf.set(g, Math.log(1 + n / d));
    this.unseen = Math.log(1 + n / 0.5);
  }

  weight(gram: string): number {
    return this.idf.get(gram) ?? this.unseen;
  }

  /** Sublinear tf × idf, with single-concept grams boosted. */
  vector(text: string): Vector {
    const v: Vector = new Map();
    for (const [g, tf] of countGrams(text))
      v.set(g, (1 + Math.log(tf)) * this.weight(g) * (isConcept(g) ? BOOST : 1));
    return v;
  }
}

export function norm(v: Vector): number {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  return Math.sqrt(sum);
}

/** Postings of one n-gram, packed: the documents that have it and its weight in each. */
interface Packed {
  docs: Int32Array;
  weights: Float64Array;
}

/** Documents with an owner (an entry index); cosine(query, document) for every document at once. */
export class CosineIndex {
  private readonly lists = new Map<string, { doc: number; weight: number }[]>();
  private packed: Map<string, Packed> | null = null;
  private readonly norms: number[] = [];
  /** Dot products of the current query, per document (reused between queries: only touched ones are reset). */
  private dots = new Float64Array(0);
  readonly owners: number[] = [];

  add(owner: number, v: Vector): void {
    const doc = this.owners.length;
    this.owners.push(owner);
    this.norms.push(norm(v));
    this.packed = null;
    for (const [g, weight] of v) {
      const list = this.lists.get(g);
      if (list) list.push({ doc, weight });
      else this.lists.set(g, [{ doc, weight }]);
    }
  }

  /** Typed arrays for the query loop, built once after the last document (a Map per query was the cost). */
  private postings(): Map<string, Packed> {
    if (this.packed) return this.packed;
    const packed = new Map<string, Packed>();
    for (const [g, list] of this.lists)
      packed.set(g, {
        docs: Int32Array.from(list, (p) => p.doc),
        weights: Float64Array.from(list, (p) => p.weight),
      });
    this.packed = packed;
    this.dots = new Float64Array(this.owners.length);
    return packed;
  }

  /**
   * For each owner, the best cosine of the query with its documents (`owners` of them): only the
   * documents the query's n-grams touch are visited, so a large index costs its postings, not its size.
   */
  bestPerOwner(query: Vector, queryNorm: number, ownerCount: number): Float64Array {
    const best = new Float64Array(ownerCount);
    if (queryNorm === 0) return best;
    const postings = this.postings();
    const dots = this.dots;
    const touched: number[] = [];
    for (const [g, qw] of query) {
      const p = postings.get(g);
      if (!p) continue;
      for (let k = 0; k < p.docs.length; k++) {
        const doc = p.docs[k]!;
        if (dots[doc] === 0) touched.push(doc);
        dots[doc]! += qw * p.weights[k]!;
      }
    }
    for (const doc of touched) {
      const dot = dots[doc]!;
      dots[doc] = 0;
      const n = this.norms[doc]!;
      if (n === 0) continue;
      const cosine = dot / (queryNorm * n);
      const owner = this.owners[doc]!;
      if (cosine > best[owner]!) best[owner] = cosine;
    }
    return best;
  }

  /** Cosine of the query with each document, indexed like `owners`. */
  cosines(query: Vector, queryNorm: number): Float64Array {
    const scores = new Float64Array(this.owners.length);
    if (queryNorm === 0) return scores;
    const postings = this.postings();
    for (const [g, qw] of query) {
      const p = postings.get(g);
      if (!p) continue;
      for (let k = 0; k < p.docs.length; k++) scores[p.docs[k]!]! += qw * p.weights[k]!;
    }
    for (let d = 0; d < scores.length; d++) {
      const n = this.norms[d]!;
      scores[d] = n === 0 ? 0 : scores[d]! / (queryNorm * n);
    }
    return scores;
  }
}
