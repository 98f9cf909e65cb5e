// Several fields pasted at once (office staff copy them from the clinic's files):
//   氏名　小川　正夫 / 協 ４１０１２３４５６ / 【小川接骨院】 / TEL 048-625-1211（代） / mail ogawa@example.jp
// Each line is read for the field it names or plainly is, validated by the same rules as when typed
// one by one; what is missing or not valid is then asked as usual. Pure.

import type { RegistrationAnswers } from "../types.js";
import { extractEmail, extractPhone, extractRegistrationNumber } from "../understand/extract.js";
import { COPY } from "./copy.js";
import { mailDomainSuggestion } from "./mail-domains.js";
import type { Field } from "./model.js";
import {
  exactOption,
  matchOption,
  parseRegistrationNumber,
  validateEmail,
  validateName,
  validatePhone,
} from "./validate.js";

/** Lines of a pasted block: line breaks, 「 / 」 or 「、」 between the fields. */
const LINE_BREAK = /\r?\n|\s+[/／|｜]\s+|[、，,。]\s*/u;
/** A line that is only a name (「小林 和夫」): two words of letters, no digits. */
const BARE_NAME = /^[\p{L}ー々]+\s+[\p{L}ー々]+$/u;
const LABEL_END = String.raw`\s*(?:[:：]|は)?\s*`;
const escapeRegExp = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A line starting with one of the labels (longest first), then 「:」 or 「は」. */
const label = (words: readonly string[]) =>
  new RegExp(
    `^(?:${[...words]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join("|")})${LABEL_END}`,
    "iu",
  );
const L = COPY.reading.blockLabels;
const NAME = label(L.name);
const FAMILY = label(L.familyName);
const GIVEN = label(L.givenName);
const CLINIC = label(L.clinicName);
const PHONE = label(L.phoneNumber);
const MAIL = label(L.email);
const NUMBER = label(L.registrationNumber);
const AFFILIATION = label(L.affiliation);
/** A word that is plainly a field's value: an address, a phone number, a registration number. */
const DATA_WORD = /@|^0\d{1,4}-?\d{1,4}-?\d{3,4}$|^(?:協|契)\d/u;
/** Fewest fields found for a text to be read as a block (two lines could be a sentence). */
const MIN_FIELDS = 3;

export interface BlockRead {
  answers: RegistrationAnswers;
  /** The fields taken, in form order. */
  fields: Field[];
}

/** 「小川 正夫」: 姓 and 名, each valid, or null. */
function wholeName(value: string): Pick<RegistrationAnswers, "familyName" | "givenName"> | null {
  const parts = value
    .normalize("NFKC")
    .trim()
    .split(/\s+/u)
    .filter((p) => p.length > 0);
  if (parts.length !== 2) return null;
  const [family, given] = parts.map((p) => validateName(p, COPY.maxNameLength));
  return family?.ok && given?.ok ? { familyName: family.value, givenName: given.value } : null;
}

/**
 * Voice input says the fields in one breath, joined by 「で」: 「名前は佐藤次郎で柔道整復で協の110987654で
 * 電話は0487654321メールは…」. A break goes before each label, and before an 所属機関 after 「で」 (not
 * inside a clinic's name: 「山田鍼灸院」 has no 「で」 before 鍼灸).
 */
const SPOKEN_BREAK =
  /(?:で|と)?\s*(?=(?:お?名前|お?なまえ|氏名|お?電話(?:番号)?|でんわ|tel|携帯|メール(?:アドレス)?|メアド|登録記号番号|記号番号|施術所名|院名|所属(?:機関)?)(?:は|が|:|：))|で(?=(?:協|契|きょう|けい)の?\s*\d)|で(?=(?:柔道整復|柔整|じゅうせい|あはき|鍼灸|はりきゅう|あん摩|健診))/giu;
/** 「佐藤次郎」 said without a space: split after a known family name (the card shows it to confirm). */
function spokenName(value: string): Pick<RegistrationAnswers, "familyName" | "givenName"> | null {
  const v = value.normalize("NFKC").trim();
  const family = COPY.reading.surnames
    .filter((f) => v.startsWith(f) && v.length > f.length && v.length - f.length <= 3)
    .sort((a, b) => b.length - a.length)[0];
  return family ? wholeName(`${family} ${v.slice(family.length)}`) : null;
}
/** A line that is one 所属機関 word and nothing else (「柔道整復」); not 「鈴木整骨院」. */
const bareAffiliation = (line: string): RegistrationAnswers["affiliation"] =>
  exactOption(line, COPY.affiliations)?.value;

const NAME_WORD = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]{1,5}$/u;
/**
 * 「高橋 健二 柔道整復 協…」「名前は佐藤 花子 …」 split at every space: a known family name and the
 * word after it are one line again (the name), once.
 */
function joinNames(words: string[]): string[] {
  for (let i = 0; i + 1 < words.length; i++) {
    const family = words[i]!.replace(NAME, "");
    const given = words[i + 1]!;
    if (!COPY.reading.surnames.includes(family) || !NAME_WORD.test(given) || bareAffiliation(given)) continue;
    if (COPY.reading.clinicWords.some((w) => given.includes(w))) continue;
    return [...words.slice(0, i), `${words[i]} ${given}`, ...words.slice(i + 2)];
  }
  return words;
}

/** The fields a pasted block holds, or null when the text is not such a block. */
export function readBlock(raw: string): BlockRead | null {
  const split = (text: string) =>
    text
      .split(LINE_BREAK)
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
  let lines = split(raw);
  if (lines.length < MIN_FIELDS) lines = split(raw.normalize("NFKC").replace(SPOKEN_BREAK, "\n"));
  // 「登録 中村翔太 柔整 協1108888-2-3 なかむら整骨院 080-9999-1111 shota@icloud.com 早くして」: one
  // line with spaces between the fields, when at least two of them are plainly data.
  if (lines.length < MIN_FIELDS) {
    const words = joinNames(raw.normalize("NFKC").trim().split(/\s+/u));
    if (words.filter((w) => DATA_WORD.test(w)).length >= 2) lines = words;
  }
  if (lines.length < MIN_FIELDS) return null;
  const answers: RegistrationAnswers = {};
  const nameOk = (v: string) => validateName(v, COPY.maxNameLength);
  for (const line of lines) {
    const text = line.normalize("NFKC");
    // 「名前　小川　正夫」 before 「名」 alone: the longer label is read first.
    const after = (re: RegExp) => text.replace(re, "").trim();
    if (MAIL.test(text) || /@/u.test(text)) {
      const found = extractEmail(text);
      const checked = found ? validateEmail(found.value) : null;
      // A near-miss domain (gmial.com) is left to be asked, where it is offered corrected.
      if (checked?.ok && !found?.joined && !mailDomainSuggestion(checked.value, COPY.reading.mailDomains))
        answers.email = checked.value;
      continue;
    }
    if (NUMBER.test(text) || /^(協|契|きょう|けい)/u.test(text)) {
      const found = extractRegistrationNumber(text);
      const parsed = found ? parseRegistrationNumber(found.value) : null;
      if (parsed?.ok) {
        answers.registrationDigits = parsed.value.digits;
        if (parsed.value.kind) answers.agreementKind = parsed.value.kind;
      }
      continue;
    }
    if (PHONE.test(text) || /^[0０(（]/u.test(text)) {
      const found = extractPhone(text);
      const checked = found ? validatePhone(found.value) : null;
      if (checked?.ok) answers.phoneNumber = checked.value;
      continue;
    }
    const affiliation = bareAffiliation(text);
    if (affiliation) {
      answers.affiliation = affiliation;
      continue;
    }
    if (AFFILIATION.test(text)) {
      const option = matchOption(after(AFFILIATION), COPY.affiliations);
      if (option) answers.affiliation = option.value;
      continue;
    }
    if (CLINIC.test(text) || COPY.reading.clinicWords.some((w) => text.includes(w))) {
      // As typed (brackets kept), without the label.
      const value = line.replace(CLINIC, "").trim();
      if (validateName(value, COPY.maxClinicLength).ok) answers.clinicName = value;
      continue;
    }
    if (NAME.test(text)) {
      Object.assign(answers, wholeName(after(NAME)) ?? spokenName(after(NAME)));
      continue;
    }
    // 「小林 和夫」 without a label: the name, once, when nothing else in the line says otherwise.
    if (BARE_NAME.test(text) && answers.familyName === undefined) {
      const name = wholeName(text);
      if (name) {
        Object.assign(answers, name);
        continue;
      }
    }
    // 「中村翔太」 alone on a line: split after a known family name (the card shows it to confirm).
    const spoken = answers.familyName === undefined && !/\d/u.test(text) ? spokenName(text) : null;
    if (spoken) {
      Object.assign(answers, spoken);
      continue;
    }
    if (FAMILY.test(text)) {
      const checked = nameOk(after(FAMILY));
      if (checked.ok) answers.familyName = checked.value;
      continue;
    }
    if (GIVEN.test(text)) {
      const checked = nameOk(after(GIVEN));
      if (checked.ok) answers.givenName = checked.value;
    }
  }
  const fields = (Object.keys(answers) as Field[]).filter((f) => answers[f] !== undefined);
  return fields.length >= MIN_FIELDS ? { answers, fields } : null;
}
