// Taking one answer: find the value inside what was typed (a sentence, a label, 「です」), refuse what
// is not an answer to this field (a clinic name at 姓, a mail address as the clinic), validate it by
// the portal's rule, then move on (next field, the roster look-up after the number, or back to
// 入力内容確認 when correcting). A rejection keeps every answer.
import { text } from "../messages.js";
import type { ConversationState, Input, LineMessage, RegistrationAnswers, StepResult } from "../types.js";
import {
  extractEmail,
  extractPhone,
  extractRegistrationNumber,
  lastSentence,
  spelledOut,
  spokenSymbols,
  stripAnswerFrame,
  withoutCourtesyTail,
} from "../understand/extract.js";
import { normalizeCommand, toHiragana } from "../understand/normalize.js";
import { spokenAddress } from "../understand/romaji.js";
import { COPY, fill } from "./copy.js";
import { mailDomainSuggestion } from "./mail-domains.js";
import {
  enter,
  FIELDS,
  type Field,
  isField,
  nextField,
  registrationNumberOf,
  reply,
  stepOf,
} from "./model.js";
import { normalizeName, spokenNumber } from "./normalize.js";
import { choicesFor, resume } from "./prompts.js";
import {
  exactOption,
  matchOption,
  parseRegistrationNumber,
  validateEmail,
  validateName,
  validatePhone,
} from "./validate.js";

const M = COPY.messages;
const E = COPY.errors;
const R = COPY.reading;

/** The confirm card, leaving any correction mode. */
export function toConfirm(state: ConversationState, lead: LineMessage[] = []): StepResult {
  const next = enter(state, "confirm");
  return reply(next, [...lead, ...resume(next)]);
}

/** Stores `patch` for `field` and goes to what comes next. */
export function advance(
  state: ConversationState,
  field: Field,
  patch: RegistrationAnswers,
  lead: LineMessage[] = [],
) {
  const answers = { ...state.answers, ...patch };
  const editing = state.editing === true;
  const number = registrationNumberOf(answers);
  // ① chosen once ② is known (a bare number typed at ①, or a correction): the number is complete.
  const numberChanged =
    patch.registrationDigits !== undefined ||
    (patch.agreementKind !== undefined && (editing || state.answers.registrationDigits !== undefined));
  if (numberChanged && number) {
    const waiting = enter(state, "rosterWait", { answers, editing });
    // The example of the prompt and the briefing typed back (「契0123456-7-8」): said, not refused.
    const example = answers.registrationDigits === COPY.fields.registrationDigits.example;
    const derived = text(
      fill(M.numberDerived, { number }) + (example ? `\n${fill(R.messages.exampleNumber, { number })}` : ""),
      choicesFor(waiting),
    );
    return reply(waiting, [...lead, derived], [{ type: "lookupRoster", registrationNumber: number }]);
  }
  if (numberChanged && !answers.agreementKind)
    return ask(enter(state, "agreementKind", { answers, editing }), lead);
  // Editing (from the card, or after a pasted block): the card once complete, else what is missing.
  if (editing) {
    // 「所属機関と施術所名を直したい」: the next field named, then what is still missing, then the card.
    const [queued, ...later] = (state.editQueue ?? []).filter(isField);
    if (queued) return ask(enter({ ...state, editQueue: later }, queued, { answers, editing }), lead);
    const missing = FIELDS.find((f) => answers[f] === undefined);
    if (missing) return ask(enter(state, missing, { answers, editing }), lead);
    return toConfirm({ ...state, answers }, lead);
  }
  const next = nextField(field);
  if (!next) return toConfirm({ ...state, answers }, [...lead, text(M.passwordRule)]);
  return ask(enter(state, next, { answers }), lead);
}

export const ask = (state: ConversationState, lead: LineMessage[] = []) =>
  reply(state, [...lead, ...resume(state)]);

/** A rejection: what was wrong and a right example, with the step's quick replies; state untouched. */
const reject = (state: ConversationState, message: string) =>
  reply(state, [text(message, choicesFor(state))]);

const taken = (label: string, value: string) => [text(fill(R.messages.taken, { label, value }))];

const HAS_MAIL = /@|＠/u;
const HAS_PHONE = /\d[\d\s\-ー－()]{7,}/u;
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const KANJI_OR_KANA = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]+$/u;

/** Whether the text names a clinic (「さいたま接骨院」) rather than a person. */
const isClinicName = (value: string) =>
  R.clinicWords.some((w) => value.endsWith(w) || (w.length > 1 && value.includes(w)));

const NOT_NAMES = new Set(R.notNames.map((w) => toHiragana(normalizeCommand(w))));
/** 「できた」「むり」: a whole reply that is never a name, a clinic's or a person's. */
const isNotAName = (raw: string) => NOT_NAMES.has(toHiragana(normalizeCommand(raw)));
/** Kanji, then the kana of a verb's ending (「用意した」「終わった」). */
const OKURIGANA_TAIL = /\p{Script=Han}(\p{Script=Hiragana}{2,})$/u;

/** A sentence or a report, not a name: 「ちょっと電話がきたので後で」「できた」「機器を用意した」. */
function isSentence(value: string): boolean {
  if (R.sentenceMarkers.some((w) => value.includes(w)) || /[。、！？!?]/u.test(value.slice(0, -1)))
    return true;
  if (isNotAName(value)) return true;
  const tail = OKURIGANA_TAIL.exec(value)?.[1];
  return tail !== undefined && R.predicateEndings.some((e) => tail.endsWith(e));
}

/** 「埼玉太郎」 typed at 姓: a known family name at the start, or two and two kanji. */
/** Six kana or more with no space: more likely a whole name than a family name. */
const KANA_WHOLE_NAME = /^[\p{Script=Hiragana}\p{Script=Katakana}ー]{6,}$/u;

function likelySplit(value: string): { family: string; given: string } | null {
  const chars = Array.from(value);
  if (chars.length < 3 || chars.length > 7 || !KANJI_OR_KANA.test(value)) return null;
  const family = R.surnames
    .filter((s) => value.startsWith(s) && chars.length - Array.from(s).length >= 1)
    .sort((a, b) => b.length - a.length)[0];
  if (family) return { family, given: value.slice(family.length) };
  if (chars.length === 4 && /^\p{Script=Han}+$/u.test(value))
    return { family: chars.slice(0, 2).join(""), given: chars.slice(2).join("") };
  return null;
}

/** 「姓じゃなくて名の方！」 while one name is being corrected: the other one was meant. */
const OTHER_NAME: Record<"familyName" | "givenName", RegExp> = {
  familyName:
    /^(?:姓|せい|名字|苗字|みょうじ)?(?:じゃなくて|ではなくて|じゃなく|ではなく)(?:名|めい|下の名前)(?:の方|のほう)?/u,
  givenName:
    /^(?:名|めい|下の名前)?(?:じゃなくて|ではなくて|じゃなく|ではなく)(?:姓|せい|名字|苗字|みょうじ)(?:の方|のほう)?/u,
};

/** 「鈴木接骨院の」 before a name. */
const CLINIC_OF = new RegExp(
  `^\\S{0,20}?(?:${R.clinicWords.filter((w) => w.length > 1).join("|")})の(?=\\S)`,
  "u",
);

function nameField(state: ConversationState, field: "familyName" | "givenName", raw: string): StepResult {
  const f = COPY.fields[field];
  if (state.editing && OTHER_NAME[field].test(raw.normalize("NFKC").replace(/\s+/gu, ""))) {
    const other = field === "familyName" ? "givenName" : "familyName";
    return ask(enter(state, other, { editing: true }));
  }
  const vars = { label: f.label, example: f.example, max: COPY.maxNameLength };
  if (HAS_MAIL.test(raw) || HAS_PHONE.test(raw)) return reject(state, fill(R.messages.dataAtName, vars));
  const read = (typed: string) => {
    // 「鈴木接骨院の鈴木と申します」: the clinic said before the name is not part of it.
    const framed = stripAnswerFrame(normalizeName(withoutCourtesyTail(typed))).replace(CLINIC_OF, "");
    // Voice input spacing every character (「山 田 一 郎」): one name, the spaces are not the member's.
    return /^(?:\S ){2,}\S$/u.test(framed) ? framed.replace(/ /gu, "") : framed;
  };
  let value = read(raw);
  // 「施術所（柔道整復）」 typed at 姓 (the member expected the 所属機関 first): not a name.
  const affiliation = exactOption(raw, COPY.affiliations);
  if (affiliation)
    return reject(state, fill(R.messages.affiliationAtName, { ...vars, value: affiliation.label }));
  if (isClinicName(value)) return reject(state, fill(R.messages.clinicAtName, { ...vars, value }));
  if (isSentence(value)) {
    // 「院長の名前でいいですね。鈴木」: a remark, then the answer in the last sentence.
    const last = lastSentence(raw);
    const answer = last === null ? "" : read(last);
    if (answer === "" || isSentence(answer) || isClinicName(answer))
      return reject(state, fill(R.messages.sentenceAtName, vars));
    value = answer;
  }
  const parts = value.split(" ");
  if (field === "familyName" && parts.length === 2) {
    const [family, given] = parts.map((p) => validateName(p, COPY.maxNameLength));
    if (family?.ok && given?.ok) {
      const lead = [text(fill(M.nameSplit, { family: family.value, given: given.value }))];
      return advance(state, "givenName", { familyName: family.value, givenName: given.value }, lead);
    }
  }
  if (parts.length > 1) return reject(state, fill(E.nameHasSpace, vars));
  // The whole name again at 名 (「埼玉太郎」 after 姓「埼玉」): the part after the family name.
  const family = state.answers.familyName;
  const own =
    field === "givenName" && family && value.startsWith(family) && value.length > family.length
      ? value.slice(family.length)
      : value;
  const checked = validateName(own, COPY.maxNameLength);
  if (!checked.ok) return reject(state, fill(E.name[checked.error], { ...vars, n: checked.count ?? 0 }));
  // A family name at 名 (「鈴木」 typed after 戻る meant for 姓): asked, never stored in silence.
  if (field === "givenName" && stepOf(state) !== "givenSurname" && R.surnames.includes(checked.value))
    return ask(enter(state, "givenSurname", { editing: state.editing, scratch: { typed: checked.value } }));
  if (field === "familyName" && !state.editing) {
    const split = likelySplit(checked.value);
    if (split)
      return ask(
        enter(state, "nameSplit", { editing: state.editing, scratch: { ...split, typed: checked.value } }),
      );
    // 「おがわしょういち」: a whole name in kana, no space, cannot be split by a known family name.
    if (KANA_WHOLE_NAME.test(checked.value) && stepOf(state) !== "nameSplit")
      return ask(enter(state, "nameSplit", { scratch: { typed: checked.value, whole: "1" } }));
  }
  // 「田中です田んぼの田に中学の中」「私は高橋といいます」: the name taken out of the sentence is said back.
  const fromSentence = spelledOut(raw) !== null || checked.value !== normalizeName(raw).replace(/\s+/gu, "");
  return advance(state, field, { [field]: checked.value }, fromSentence ? taken(f.label, checked.value) : []);
}

/**
 * 「でんわは048の555の1234」 at 施術所名: a number written with の or spaces is not read as a phone
 * number, but a name that is mostly digits (6 or more) is not a clinic's name either.
 */
function mostlyDigits(raw: string): boolean {
  const t = raw.normalize("NFKC").replace(/\s+/gu, "");
  const digits = t.replace(/\D/gu, "").length;
  return digits >= 6 && digits * 2 >= Array.from(t).length;
}

const SKIP = new Set(R.skipWords.map(normalizeCommand));
/** A change of mind about another answer (「やっぱり…のほうで」「…に変えたい」). */
const CHANGE_OF_MIND = /やっぱり|やっぱ|やはり|(?:の|で)(?:ほう|方)で|に(?:変え|かえ|したい)|で登録したい/u;

/** 施術所名 as typed (brackets, ①, kana kept); only spaces at the ends and 「です」 dropped. */
function clinicField(state: ConversationState, raw: string): StepResult {
  const vars = { example: COPY.fields.clinicName.example, max: COPY.maxClinicLength };
  // 「すずき接骨院です電話番号は048 222 3333です」: the clinic, and the phone number after it.
  const phone = extractPhone(raw);
  const phoneChecked = phone ? validatePhone(phone.value) : null;
  const before = phone
    ? raw.normalize("NFKC").split(/\s*(?:お?電話(?:番号)?|tel|TEL|でんわ)?\s*(?:は|:|：)?\s*\+?\d/u)[0]
    : raw;
  const named = phoneChecked?.ok && before ? stripAnswerFrame(before.trim()) : null;
  if (HAS_MAIL.test(raw) || (phone && !named) || mostlyDigits(raw))
    return reject(state, fill(R.messages.dataAtClinic, vars));
  if (isNotAName(raw)) return reject(state, fill(R.messages.sentenceAtClinic, vars));
  // The 所属機関's own label (「施術所（柔道整復）」) is not a clinic's name.
  const affiliation = named ? undefined : exactOption(raw, COPY.affiliations);
  if (affiliation)
    return reject(state, fill(R.messages.affiliationAtClinic, { ...vars, value: affiliation.label }));
  if (SKIP.has(normalizeCommand(raw))) return reject(state, fill(R.messages.skipAtClinic, vars));
  // 「やっぱり柔整のほうで登録したいです」: the 所属機関 changed, not a clinic's name.
  if (!named && CHANGE_OF_MIND.test(raw.normalize("NFKC")) && matchOption(raw, COPY.affiliations)) {
    const again = enter(state, "affiliation", { editing: true });
    return reply(again, [text(R.messages.affiliationAgain), ...resume(again)]);
  }
  if (!named && R.clinicSentenceMarkers.some((w) => raw.normalize("NFKC").includes(w)))
    return reject(state, fill(R.messages.sentenceAtClinic, vars));
  const typed = (named ?? raw).trim().replace(/\s+/gu, " ");
  const value = stripAnswerFrame(typed) || typed;
  const checked = validateName(value, COPY.maxClinicLength);
  if (!checked.ok) return reject(state, fill(E.clinic[checked.error], { ...vars, n: checked.count ?? 0 }));
  // validateName folds width for people's names; a clinic keeps what the member wrote.
  const clinic = enter(state, "clinicName", { editing: state.editing });
  if (named && phoneChecked?.ok && !state.editing) {
    const lead = [
      ...taken(COPY.fields.clinicName.label, value.trim()),
      ...taken(COPY.fields.phoneNumber.label, phoneChecked.value),
    ];
    return advance(
      enter(clinic, "phoneNumber"),
      "phoneNumber",
      { clinicName: value.trim(), phoneNumber: phoneChecked.value },
      lead,
    );
  }
  const spelled = spelledOut(typed) !== null;
  return advance(
    clinic,
    "clinicName",
    { clinicName: value.trim() },
    spelled ? taken(COPY.fields.clinicName.label, value.trim()) : [],
  );
}

/**
 * 協 or 契 said as a word of its own (「強いの強じゃなくて協力の協ですね」): not part of 協力 or 契約; only
 * when one of the two is said.
 */
function saidKind(raw: string): "協" | "契" | null {
  const kinds = new Set([...raw.matchAll(/(?<!\p{Script=Han})(協|契)(?!\p{Script=Han})/gu)].map((m) => m[1]));
  return kinds.size === 1 ? ([...kinds][0] as "協" | "契") : null;
}

function numberField(state: ConversationState, field: "agreementKind" | "registrationDigits", typed: string) {
  // A number read aloud (「協の1107777の1の2」) is the number.
  const raw = spokenNumber(typed.normalize("NFKC"));
  if (field === "agreementKind") {
    const option = matchOption(raw, COPY.agreementKinds);
    const found = extractRegistrationNumber(raw);
    const said = option ? null : saidKind(raw);
    if (!found) {
      if (option) return advance(state, field, { agreementKind: option.value });
      return said ? advance(state, field, { agreementKind: said }) : reject(state, E.agreementKind);
    }
    const parsed = parseRegistrationNumber(found.value);
    const kind = parsed.ok ? (parsed.value.kind ?? said) : null;
    if (parsed.ok && kind)
      return advance(state, field, { agreementKind: kind, registrationDigits: parsed.value.digits });
    // A bare number at ①: keep its digits, ask only 協/契 (or say it is short).
    if (parsed.ok)
      return ask(
        enter(state, "agreementKind", {
          answers: { ...state.answers, registrationDigits: parsed.value.digits },
          editing: state.editing,
        }),
        [text(fill(R.messages.digitsAtKind, { digits: parsed.value.digits }))],
      );
    if (parsed.error === "wrongLength")
      return reject(state, fill(R.messages.digitsShortAtKind, { n: parsed.count ?? 0 }));
    return option ? advance(state, field, { agreementKind: option.value }) : reject(state, E.agreementKind);
  }
  // The number as typed first; inside a sentence (「番号は協1101234-5-6です」) only when it is one.
  const direct = parseRegistrationNumber(raw);
  const found = direct.ok || !JAPANESE.test(raw) ? null : extractRegistrationNumber(raw);
  const parsed = found ? parseRegistrationNumber(found.value) : direct;
  if (parsed.ok) {
    const kind = parsed.value.kind ?? state.answers.agreementKind;
    return advance(state, field, {
      registrationDigits: parsed.value.digits,
      ...(kind ? { agreementKind: kind } : {}),
    });
  }
  return reject(state, fill(E.digits[parsed.error], { n: parsed.count ?? 0 }));
}

function phoneField(state: ConversationState, typed: string): StepResult {
  // 「〇四八の七七七の八八八八」 as voice input writes it is 048-777-8888.
  const raw = spokenNumber(typed.normalize("NFKC"));
  const found = extractPhone(raw);
  const checked = validatePhone(found?.value ?? raw);
  if (!checked.ok) return reject(state, fill(E.phone[checked.error], { n: checked.count ?? 0 }));
  const label = COPY.fields.phoneNumber.label;
  const lead = found?.extension
    ? [text(fill(R.messages.phoneExtension, { extension: found.extension, value: checked.value }))]
    : found?.fromSentence
      ? taken(label, checked.value)
      : [];
  return advance(state, "phoneNumber", { phoneNumber: checked.value }, lead);
}

/**
 * A mail address that passed the portal's rules, taken: offered the domain members use when it is one
 * letter off (「gmial.com」), unless the member chose to keep it as typed; a carrier's address comes
 * with a word on its filter.
 */
export function takeEmail(
  state: ConversationState,
  value: string,
  options: { lead?: LineMessage[]; keepTyped?: boolean } = {},
): StepResult {
  const suggestion = options.keepTyped ? null : mailDomainSuggestion(value, R.mailDomains);
  if (suggestion)
    return ask(
      enter(state, "emailTypo", {
        editing: state.editing,
        scratch: { emailOffer: suggestion, emailTyped: value },
      }),
    );
  // A carrier's address: its own filter may refuse the portal's 24-hour link; said once, here.
  const carrier = R.carrierDomains.some((d) => value.endsWith(`@${d}`));
  return advance(enter(state, "email", { editing: state.editing }), "email", { email: value }, [
    ...(options.lead ?? []),
    ...(carrier ? [text(R.messages.carrierMail)] : []),
  ]);
}

function emailField(state: ConversationState, raw: string): StepResult {
  // 「やまだ あっと じーめーる どっと こむ」: read aloud in kana; the address it spells is asked about.
  // Only when the symbols were said too: 「さいせい@gmail.com」 typed is refused with the reason.
  const readAloud = /アット|あっと|ドット|どっと/u.test(raw.normalize("NFKC"));
  const spoken = readAloud ? spokenAddress(stripAnswerFrame(spokenSymbols(raw))) : null;
  const spokenChecked = spoken ? validateEmail(spoken) : null;
  if (spokenChecked?.ok)
    return ask(
      enter(state, "emailCaseOffer", {
        editing: state.editing,
        scratch: { emailOffer: spokenChecked.value, emailOfferWhy: "spoken" },
      }),
    );
  const found = extractEmail(raw);
  // 「ogawa sekkotsu@gmail.com」: asked whether the whole is the address, not half of it taken.
  if (found?.joined) {
    const joined = validateEmail(found.joined);
    const offer = joined.ok ? joined.value : joined.error === "upperCase" ? joined.suggestion : undefined;
    if (offer)
      return ask(
        enter(state, "emailCaseOffer", {
          editing: state.editing,
          scratch: { emailOffer: offer, emailOfferWhy: "space" },
        }),
      );
  }
  const checked = validateEmail(found?.value ?? raw);
  const lead = found?.fromSentence && checked.ok ? taken(COPY.fields.email.label, checked.value) : [];
  if (checked.ok) return takeEmail(state, checked.value, { lead });
  if (checked.error === "upperCase" && checked.suggestion)
    return ask(
      enter(state, "emailCaseOffer", { editing: state.editing, scratch: { emailOffer: checked.suggestion } }),
    );
  if (checked.error === "dots") return reject(state, R.messages.emailDots);
  // 「…@docomo.ne.j」: refused as it is, but one letter off a domain members use; offer that one.
  const typed = (found?.value ?? raw).normalize("NFKC").trim().toLowerCase();
  // 「info@satou-sekotsu,jp」: the address as typed, with the comma the extraction stops at.
  const withComma = /[^\s@]+@[^\s@]*,[^\s@]*/u.exec(raw.normalize("NFKC").toLowerCase())?.[0];
  const plain = mailDomainSuggestion(typed, R.mailDomains);
  const near = plain ?? (withComma ? mailDomainSuggestion(withComma, R.mailDomains) : null);
  const shown = plain ? typed : (withComma ?? typed);
  if (near && validateEmail(near).ok)
    return ask(
      enter(state, "emailTypo", { editing: state.editing, scratch: { emailOffer: near, emailTyped: shown } }),
    );
  return reject(state, E.email[checked.error === "upperCase" ? "badLocal" : checked.error]);
}

/** 「メールアドレスはもってないです」「メールないです」. */
const NO_MAIL =
  /(?:持って|もって|やって)(?:ない|いない|おらん|ません)|(?:ない|無い|ありません|ありまへん)(?:です|んです|んだけど|けど)?$/u;
const SENTENCE_WORDS = /\p{Script=Hiragana}{3,}/u;

/**
 * 「メールアドレスはもってないです」「院長が戻るまでわかりません」 where an address or a number is asked:
 * a sentence, not a wrong value, so no rule about 「@」 or digits — what can be done instead.
 * (Pauses such as 「息子にきいてからにします」 and questions are read before this.)
 */
function sentenceAt(state: ConversationState, field: Field, raw: string): StepResult | null {
  if (field !== "email" && field !== "phoneNumber" && field !== "registrationDigits") return null;
  const t = raw.normalize("NFKC");
  if (/[0-9@a-z]/iu.test(t) || !SENTENCE_WORDS.test(t)) return null;
  if (field === "email" && /アット|あっと|ドット|どっと/u.test(t)) return null;
  if (field !== "email" && /\d/u.test(spokenNumber(t))) return null;
  const later = { label: R.buttons.later, text: R.buttons.later };
  if (field === "email" && NO_MAIL.test(t.trim().replace(/[。．!！\s]+$/u, "")))
    return reply(state, [
      text(R.messages.noMail, [{ label: R.buttons.askPerson, text: R.buttons.askPerson }, later]),
    ]);
  const label = COPY.fields[field].label;
  const example = COPY.fields[field].example;
  return reply(state, [
    text(fill(R.messages.sentenceAtField, { label, example }), [later, ...choicesFor(state)]),
  ]);
}

/** A typed answer for the field the current step is about. */
export function acceptField(state: ConversationState, field: Field, raw: string): StepResult {
  const sentence = sentenceAt(state, field, raw);
  if (sentence) return sentence;
  switch (field) {
    case "familyName":
    case "givenName":
      return nameField(state, field, raw);
    case "affiliation": {
      const option = matchOption(raw, COPY.affiliations);
      return option ? advance(state, field, { affiliation: option.value }) : reject(state, E.affiliation);
    }
    case "agreementKind":
    case "registrationDigits":
      return numberField(state, field, raw);
    case "clinicName":
      return clinicField(state, raw);
    case "phoneNumber":
      return phoneField(state, raw);
    case "email":
      return emailField(state, raw);
  }
}

/** The runner's answer to lookupRoster; a late or foreign one is ignored. */
export function onRosterResult(state: ConversationState, input: Extract<Input, { kind: "rosterResult" }>) {
  if (stepOf(state) !== "rosterWait" || input.registrationNumber !== registrationNumberOf(state.answers))
    return reply(state, []);
  const name = input.clinicName?.trim();
  const editing = state.editing;
  if (name) return ask(enter(state, "clinicConfirm", { editing, scratch: { rosterName: name } }));
  return ask(enter(state, "clinicName", { editing }));
}
