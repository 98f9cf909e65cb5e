// Reads a member's text before the engine acts on it: a social turn (greeting, thanks, 「あとで」…),
// a question, or plain text (an answer to the current prompt, or something for the FAQ to try).
// Commands and menu words are matched by the router with the same normalizer. Pure; word lists in
// flows/understanding.ts, folded once when the interpreter is built.
import { SOCIAL_KINDS, type SocialKind, type Understanding } from "../../../flows/understanding.js";
import { foldedSet, normalizeCommand, toHiragana } from "./normalize.js";
import { romajiAsKana } from "./romaji.js";

export type QuestionStrength = "strong" | "weak";

export interface Interpreter {
  /** The social turn the whole message is, if it is one. */
  social(raw: string): SocialKind | null;
  /** Social only because of a word inside a longer sentence (「ありがとう、補助金の上限は」): it may wrap a question. */
  onlyAround(raw: string): boolean;
  /** How clearly the text asks something: "strong" (？, ですか, 教えて…), "weak" (a question word), or null. */
  question(raw: string): QuestionStrength | null;
  /** The text without social openers (「こんにちは。補助金は…」→「補助金は…」). */
  withoutOpeners(raw: string): string;
}

/** Social kinds in the order they win when a message holds several (「了解、ありがとう」 is thanks). */
const PRIORITY: SocialKind[] = [
  "back",
  "later",
  "wait",
  "help",
  "whoAreYou",
  "dontKnow",
  "askToAsk",
  "thanks",
  // 「ありがとう、もういいです」 is thanks; 「もういいです、さようなら」 is not goodbye.
  "frustrated",
  "apology",
  "bow",
  "goodbye",
  "greeting",
  "no",
  "yes",
  "acknowledge",
];
const TAIL = /(ね|よ|な|ー|です|でした|ます|した|ございます)+$/u;
const HAS_DATA = /[0-9０-９@＠]/u;
const QUESTION_MARK = /[?？]/u;
const TRAILING = /[\s\p{P}\p{S}ー〜~]+$/gu;
/** 「m(_ _)m」「(^^)」「(笑)」 after NFKC: a face, not a word (its letters would read as romaji). */
const KAOMOJI = /m\s*\([^()]{0,8}\)\s*m|\([\^_;・´`ω\-o~\s*＾]{1,8}\)|\(笑\)/giu;
/** 「m(_ _)m」: a bowing face. */
const BOWING_FACE = /m\s*\([^()]{0,8}\)\s*m/iu;
/** Only emoji, stickers typed as symbols, punctuation: a nod (👍, 「！」) unless an emoji says more (😡, 🙇). */
const NO_WORDS = /^(?:[\s\p{P}\p{S}\p{Extended_Pictographic}]|\u200d|\ufe0f)+$/u;
/** How a self-introduction ends (「埼玉の田中です」「田中と申します」). */
export const INTRODUCTION = /(です|と申します|といいます|でございます)$/u;

export function createInterpreter(u: Understanding): Interpreter {
  const words = new Map(SOCIAL_KINDS.map((k) => [k, foldedSet(u.social[k].words)]));
  const within = new Map(SOCIAL_KINDS.map((k) => [k, [...foldedSet(u.social[k].within)]]));
  const emoji = PRIORITY.map((k) => [k, u.social[k].emoji] as const).filter(([, e]) => e.length > 0);
  /** The turn a message of emoji only is: the first kind with one of its emoji in it, else a nod. */
  const emojiKind = (raw: string): SocialKind =>
    emoji.find(([, list]) => list.some((e) => raw.includes(e)))?.[0] ?? "acknowledge";
  // Every social word, longest first, to see whether a message is made of them only.
  const all = [...new Set(SOCIAL_KINDS.flatMap((k) => [...words.get(k)!]))].sort(
    (a, b) => b.length - a.length,
  );
  const openers = [...foldedSet([...u.openers, ...u.social.greeting.words])].sort(
    (a, b) => b.length - a.length,
  );
  const fillers = [...foldedSet(u.socialFillers)].sort((a, b) => b.length - a.length);
  const strong = u.question.strong.map((w) => w.normalize("NFKC"));
  const weak = u.question.weak.map((w) => w.normalize("NFKC"));
  const endings = u.question.endings.map((w) => w.normalize("NFKC"));

  function question(raw: string): QuestionStrength | null {
    const t = romajiAsKana(raw).normalize("NFKC").trim();
    if (QUESTION_MARK.test(t)) return "strong";
    if (strong.some((w) => t.includes(w))) return "strong";
    const end = t.replace(TRAILING, "");
    if (end.length > 3 && endings.some((e) => end.endsWith(e))) return "strong";
    return weak.some((w) => t.includes(w)) ? "weak" : null;
  }

  /** A message that is a social turn as a whole (its words, or a greeting with a self-introduction). */
  function wholeSocial(raw: string): SocialKind | null {
    // 「？」 alone: the member does not know what to do next (mid-form the form's 「？」 is its help).
    if (/^[\s?？]+$/u.test(raw) && raw.trim().length > 0) return "help";
    if (NO_WORDS.test(raw) && raw.trim().length > 0) return emojiKind(raw);
    const key = normalizeCommand(raw);
    if (key.length === 0) return null;
    // 「ｱﾘｶﾞﾄｳ」「アリガトウ」: kana typed as katakana is the same word.
    const kana = toHiragana(key);
    for (const kind of PRIORITY)
      for (const k of kana === key ? [key] : [key, kana])
        if (words.get(kind)!.has(k) || words.get(kind)!.has(k.replace(TAIL, ""))) return kind;
    // Made only of social words (「こんにちは、よろしくお願いします」): the highest-priority one present.
    let rest = key;
    const seen = new Set<SocialKind>();
    for (const w of all) {
      if (!rest.includes(w)) continue;
      rest = rest.split(w).join("");
      for (const kind of PRIORITY) if (words.get(kind)!.has(w)) seen.add(kind);
    }
    for (const f of fillers) rest = rest.split(f).join("");
    if (seen.size > 0 && rest.replace(TAIL, "").length === 0)
      return PRIORITY.find((k) => seen.has(k)) ?? null;
    // A greeting with a self-introduction (「おはようございます。埼玉の田中です。よろしくお願いします」).
    if (seen.has("greeting") && question(raw) === null) {
      const sentences = raw
        .normalize("NFKC")
        .split(/[。．.!！\n、]+/u)
        .map((x) => x.trim())
        .filter(Boolean);
      const others = sentences.filter(
        (x) => normalizeCommand(x).length > 0 && !all.includes(normalizeCommand(x)),
      );
      const intro = others[0];
      if (
        others.length === 1 &&
        intro &&
        INTRODUCTION.test(intro) &&
        Array.from(intro).length <= u.introductionMaxLength
      )
        return "greeting";
    }
    return null;
  }

  function social(typed: string): SocialKind | null {
    // 「arigatou gozaimasu」 typed with the IME off is thanks too; a face (「ｍ（＿＿）ｍ」「(^^)」) is no word.
    const withoutFaces = typed.normalize("NFKC").replace(KAOMOJI, " ").trim();
    // A face alone (「m(_ _)m」 bows; 「(^^)」 nods).
    if (withoutFaces.length === 0 && typed.trim().length > 0)
      return BOWING_FACE.test(typed.normalize("NFKC")) ? "bow" : "acknowledge";
    const raw = romajiAsKana(withoutFaces || typed);
    return wholeSocial(raw) ?? aroundWord(raw) ?? socialSentences(raw);
  }

  /**
   * A letter made of social sentences only (「お世話になっております。いつも丁寧にご対応いただきありがとう
   * ございます。今後ともよろしくお願いいたします。」): each sentence social, no data, none asking.
   */
  function socialSentences(raw: string): SocialKind | null {
    if (HAS_DATA.test(raw)) return null;
    const sentences = raw
      .normalize("NFKC")
      .split(/[。．!！\n]+/u)
      .map((x) => x.trim())
      .filter((x) => normalizeCommand(x).length > 0);
    if (sentences.length < 2 || sentences.length > 5) return null;
    const kinds = sentences.map((x) => wholeSocial(x) ?? aroundWord(x));
    if (kinds.some((k) => k === null)) return null;
    return PRIORITY.find((k) => kinds.includes(k)) ?? null;
  }

  /** A short sentence around a `within` word (「ちょっと電話がきたので後で」), never a question or data. */
  function aroundWord(raw: string): SocialKind | null {
    const key = normalizeCommand(raw);
    // A question word in a longer one asks something (「…後でお金返してって言われたらどうしてる」).
    const asks = question(raw);
    if (raw.length > u.socialMaxLength || HAS_DATA.test(raw) || asks === "strong") return null;
    if (asks === "weak" && raw.length > u.socialMaxLengthAsking) return null;
    for (const kind of PRIORITY) if (within.get(kind)!.some((w) => key.includes(w))) return kind;
    return null;
  }

  /** Social only because of a word inside a longer sentence (「ありがとう、補助金の上限は」). */
  function onlyAround(typed: string): boolean {
    const raw = romajiAsKana(typed);
    return wholeSocial(raw) === null && aroundWord(raw) !== null;
  }

  function withoutOpeners(raw: string): string {
    let t = raw.trim();
    for (let i = 0; i < 3; i++) {
      const key = normalizeCommand(t.slice(0, 20));
      const opener = openers.find((o) => key.startsWith(o));
      if (!opener) break;
      // Drop characters until the folded prefix no longer contains the opener.
      let cut = 0;
      while (cut < t.length && normalizeCommand(t.slice(0, cut)).length < opener.length) cut++;
      t = t.slice(cut).replace(/^[\s\p{P}\p{S}ー〜~]+/u, "");
    }
    return t.length > 0 ? t : raw;
  }

  return { social, onlyAround, question, withoutOpeners };
}
