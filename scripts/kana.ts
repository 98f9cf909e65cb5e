// kuromoji (a dev dependency) for the tools that need readings: the FAQ's reading table and the
// evaluation's kana-typed questions. Never imported by src/.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import kuromoji from "kuromoji";
import { toHiragana } from "../src/engine/understand/normalize.js";

export type KanaTokenizer = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;

export { toHiragana } from "../src/engine/understand/normalize.js";

let built: Promise<KanaTokenizer> | undefined;
export function kanaTokenizer(): Promise<KanaTokenizer> {
  const dicPath = join(dirname(createRequire(import.meta.url).resolve("kuromoji/package.json")), "dict");
  built ??= new Promise((resolve, reject) =>
    kuromoji.builder({ dicPath }).build((error, t) => (error ? reject(error) : resolve(t))),
  );
  return built;
}

/** A question as a member types it without converting to kanji (every kanji word in hiragana). */
export async function asKana(text: string): Promise<string> {
  const tokenizer = await kanaTokenizer();
  return tokenizer
    .tokenize(text)
    .map((t) =>
      t.reading && /\p{Script=Han}/u.test(t.surface_form) ? toHiragana(t.reading) : t.surface_form,
    )
    .join("");
}
