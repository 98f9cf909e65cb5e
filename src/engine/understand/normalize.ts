// Folds what people type into a comparable command word: full-width to half-width, no spaces or
// punctuation, no polite tail (「登録したいです」→「登録したい」, 「メニューをお願いします」→「メニュー」).
const PUNCTUATION = /[\s\u3000、。，．,.!！?？・「」『』【】()（）〜~ー−-]+/g;
const POLITE_TAIL = /(を)?(お願いします|おねがいします|お願い|おねがい|ください|下さい|です|ですか)$/;

export function normalizeCommand(input: string): string {
  let s = input.normalize("NFKC").toLowerCase().replace(PUNCTUATION, "");
  for (let i = 0; i < 2; i++) s = s.replace(POLITE_TAIL, "");
  return s;
}
