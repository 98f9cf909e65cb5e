// What a member types on a phone (full-width digits, any kind of dash, stray spaces, 【】 around a
// pasted number) turned into what the portal wants, before any validation. Pure and idempotent.
import { kanjiDigits } from "../understand/numbers.js";

/** Every dash a Japanese keyboard or a copied PDF may produce (checked after NFKC). */
const HYPHENS =
  /[\u002D\u02D7\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u207B\u208B\u2212\u2796\u30FC\uFE58\uFE63\uFF0D\uFF70]/g;
/** Whitespace incl. U+3000, plus the invisible ones a copy-paste brings along. */
const SPACES = /[\s\u200B-\u200D\u2060\uFEFF]+/g;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
const OPENERS = "【「『[〔〈《(<{\"'“‘";
const CLOSERS = "】」』\\]〕〉》)>}\"'”’。、,";
const EDGES = new RegExp(`^[\\s${OPENERS}]+|[\\s${CLOSERS}]+$`, "gu");
/** Separators inside a number: dashes (already unified), dots, middle dots, slashes, brackets. */
export const NUMBER_SEPARATORS = /[-.・/()【】「」『』[\]]/g;

export const nfkc = (s: string): string => s.normalize("NFKC");
export const unifyHyphens = (s: string): string => s.replace(HYPHENS, "-");
export const removeSpaces = (s: string): string => s.replace(SPACES, "");
/** Removes surrounding spaces, brackets (【】「」…) and a trailing 。 or 、. */
export const stripEdges = (s: string): string => s.replace(INVISIBLE, "").replace(EDGES, "");

/** Applies `f` until the text stops changing, so every normalizer is idempotent by construction. */
function settle(f: (s: string) => string, input: string): string {
  let current = input;
  for (let i = 0; i < 8; i++) {
    const next = f(current);
    if (next === current) return next;
    current = next;
  }
  return current;
}

/** A name: NFKC, no surrounding brackets or spaces, inner runs of spaces folded to one. */
export function normalizeName(input: string): string {
  return settle((s) => stripEdges(nfkc(s)).replace(SPACES, " "), input);
}

/** 「の」 between two digits, as voice input writes a number read aloud (「1107777の1の2」). */
// 「〇四八の二五一」「1101234 ハイフン 5 ハイフン 6」 (voice input says the hyphen).
const SPOKEN_SEPARATOR =
  /(?<=[0-9〇一二三四五六七八九])\s*(?:の|ハイフン|はいふん|ﾊｲﾌﾝ)\s*(?=[0-9〇一二三四五六七八九])/gu;
/** A text that is a number and nothing else (協/契, digits in either script, separators). */
const SPOKEN_FRAME_START = /^(?:電話番号?は|でんわ(?:ばんごう)?は|番号は)\s*/u;
const SPOKEN_FRAME_END = /\s*(?:です|でございます|になります|でお願いします)?[。.!！]*$/u;
const ONLY_NUMBER = /^[協契0-9〇一二三四五六七八九\-\s.・/()【】「」『』]+$/u;

/**
 * A number as voice input writes it: 「の」 between the groups becomes a dash, 「協の…」 is 協…, and in a
 * text that is only a number, kanji digits are digits (「〇四八の七七七の八八八八」 → 048-777-8888).
 */
export function spokenNumber(input: string): string {
  const s = input.replace(SPOKEN_SEPARATOR, "-").replace(/^([協契])の/u, "$1");
  // 「〇四八の二五一の三六七八です」: a polite ending or a label does not make it a sentence.
  const bare = s.replace(SPOKEN_FRAME_START, "").replace(SPOKEN_FRAME_END, "");
  if (!ONLY_NUMBER.test(bare)) return s;
  return kanjiDigits(s);
}

/** A registration number or its digits: NFKC, no spaces, every dash as "-", a spoken number read. */
export function normalizeNumberText(input: string): string {
  return settle((s) => removeSpaces(unifyHyphens(spokenNumber(stripEdges(nfkc(s))))), input);
}

/** A phone number: half-width digits only, +81 written as the leading 0. */
export function normalizePhone(input: string): string {
  return settle((s) => {
    const flat = normalizeNumberText(s).replace(NUMBER_SEPARATORS, "");
    if (!flat.startsWith("+81")) return flat;
    const rest = flat.slice(3);
    return rest.startsWith("0") ? rest : `0${rest}`;
  }, input);
}

/** A mail address: NFKC, no spaces, dashes as "-", no mailto:. Case is kept: the validator offers lower case. */
export function normalizeEmail(input: string): string {
  return settle((s) => removeSpaces(unifyHyphens(stripEdges(nfkc(s)))).replace(/^mailto:/i, ""), input);
}

/** Length as a member sees it (code points, so an emoji counts once). */
export const charCount = (s: string): number => Array.from(s).length;
