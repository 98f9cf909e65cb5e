// What a member types around a question for a person, read from the word lists in flows/menu.ts: a
// button's word in its natural forms at the draft (「おくります」「それで送って」「やっぱりいいです」),
// a call-back wish and whether it holds a number, and what adds to a question just sent (a number, a
// time to call, 「追加で…」). Pure; the lists are folded once.
import type { MenuContent } from "../../flows/menu.js";
import { normalizeCommand, toHiragana } from "./understand/normalize.js";

/** A phone number as typed (「048-625-1211」「09012345678」), after NFKC. */
export const PHONE_NUMBER = String.raw`0\d{1,4}[-‐－ー]?\d{1,4}[-‐－ー]?\d{3,4}`;
const HAS_NUMBER = new RegExp(PHONE_NUMBER, "u");
/**
 * Asked to be called back: 「電話で」「お電話ください」「電話もらえますか」, or a phone number in it
 * (「電話番号を」「電話できますか」 are not).
 */
export const PHONE_WISH = new RegExp(
  `電話(で(?!き)|を|して|ください|下さい|ほしい|欲しい|希望|もらえ|もらい|いただけ|いただき|頂け|頂き|くれ)|でんわ(で(?!き)|して|ほしい|ください|もらえ|くれ)|${PHONE_NUMBER}`,
  "u",
);

export type TypedWord = "send" | "add" | "cancel";

export interface InquiryWords {
  /** The draft's button the whole message means (lead words such as 「はい」「それで」 aside), else null. */
  typed(raw: string): TypedWord | null;
  /** A phone number is in the text. */
  hasNumber(text: string): boolean;
  /** Adds to the question just sent: a number, a time to call, or it starts with 「追加で」「それと」. */
  followsUp(raw: string): boolean;
}

const fold = (word: string) => toHiragana(normalizeCommand(word));
const folded = (words: readonly string[]) => new Set(words.map(fold).filter((w) => w.length > 0));
const longestFirst = (words: Set<string>) => [...words].sort((a, b) => b.length - a.length);
/** 「お願いします」 alone folds to nothing: it says 送る all the same. */
const PLEASE_ONLY = /^[\s\p{P}\p{S}]*(?:お願い|おねがい)(?:します|いたします|致します)?[\s\p{P}\p{S}]*$/u;

export function createInquiryWords(w: MenuContent["inquiry"]): InquiryWords {
  const t = w.typed;
  const send = folded([...t.send, w.sendLabel, w.sendAsIsLabel]);
  const add = folded([...t.add, w.addLabel]);
  const cancel = folded([...t.cancel, w.cancelLabel]);
  const changeOfMind = folded(t.changeOfMind);
  const mindLeads = folded(t.changeOfMindLeads);
  const leads = longestFirst(folded(t.leads));
  const nfkc = (words: readonly string[]) => words.map((x) => x.normalize("NFKC"));
  const openers = nfkc(w.followUp.openers);
  const times = nfkc(w.followUp.times);
  const reach = nfkc(w.followUp.reach);
  const alone = nfkc(w.followUp.alone);

  function typed(raw: string): TypedWord | null {
    if (PLEASE_ONLY.test(raw.normalize("NFKC"))) return "send";
    let rest = fold(raw);
    let changedMind = false;
    // The word itself, or a lead (「はい」「やっぱり」) dropped and tried again.
    for (let i = 0; i < 4 && rest.length > 0; i++) {
      if (changedMind && changeOfMind.has(rest)) return "cancel";
      if (cancel.has(rest)) return "cancel";
      if (send.has(rest)) return "send";
      if (add.has(rest)) return "add";
      const lead = leads.find((l) => rest.startsWith(l));
      if (!lead) return null;
      if (mindLeads.has(lead)) changedMind = true;
      rest = rest.slice(lead.length);
    }
    return null;
  }

  const hasNumber = (text: string) => HAS_NUMBER.test(text.normalize("NFKC"));

  function followsUp(raw: string): boolean {
    const text = raw.normalize("NFKC").trim();
    if (hasNumber(text)) return true;
    if (openers.some((o) => text.startsWith(o))) return true;
    if (alone.some((a) => text.includes(a))) return true;
    return times.some((x) => text.includes(x)) && reach.some((x) => text.includes(x));
  }

  return { typed, hasNumber, followsUp };
}
