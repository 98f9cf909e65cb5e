// At 入力内容確認, words are corrections: 「電話番号を間違えました」 opens that field, a new value typed
// (an address, a number) offers to replace the one on the card, 「修正したい」 shows the field list.

import { text } from "../messages.js";
import type { ConversationState, RegistrationAnswers, StepResult } from "../types.js";
import {
  extractEmail,
  extractPhone,
  extractRegistrationNumber,
  stripAnswerFrame,
} from "../understand/extract.js";
import { COUNTED_BACK, runCommand } from "./commands.js";
import { COPY, fill } from "./copy.js";
import { acceptField, advance, toConfirm } from "./fields.js";
import { mailDomainSuggestion } from "./mail-domains.js";
import { enter, FIELDS, type Field, fieldOf, isField, previousField, reply, stepOf } from "./model.js";
import { nfkc, stripEdges } from "./normalize.js";
import { resume } from "./prompts.js";
import {
  type AgreementKind,
  formatRegistrationNumber,
  parseRegistrationNumber,
  validateEmail,
  validateName,
  validatePhone,
} from "./validate.js";

const R = COPY.reading;
/** A question's ending (「？」「…ますか」「…の」「…できる」). */
const LATER_QUESTION = /[?？]|(ますか|ですか|の|できる|られる|かな)[。\s]*$/u;
const FIELD_WORDS = Object.entries(R.fieldWords) as [Field, string[]][];

/**
 * The fields opened for correction, the first now and each of the others after it; `message` says which
 * (by default only when there are several).
 */
function open(
  state: ConversationState,
  [field, ...then]: [Field, ...Field[]],
  message: string | undefined = then.length > 0 ? R.messages.editSeveral : undefined,
): StepResult {
  const next = enter({ ...state, editQueue: then }, field, { editing: true });
  const labels = [field, ...then].map((f) => COPY.fields[f].label).join("、");
  return reply(next, [...(message ? [text(fill(message, { labels }))] : []), ...resume(next)]);
}

/** A correction word in a text (「間違えた」「直したい」). */
const hasCorrectionWord = (t: string): boolean => R.correctionWords.some((w) => t.includes(w));

/** A correction word, or a change of mind (「やっぱり…」). */
export const saysCorrectionOrChange = (t: string): boolean =>
  hasCorrectionWord(t) || /やっぱり|やっぱ|やはり/u.test(t);

/** A correction word, or 「じゃなくて」「正しくは」: a value is being corrected. */
const saysCorrection = (t: string): boolean => SAYS_CORRECTION.test(t) || hasCorrectionWord(t);

/** Field words longest first (「電話番号」 before 「番号」, 「施術所の名前」 before 「名前」). */
const WORDS_LONGEST_FIRST = FIELD_WORDS.flatMap(([field, words]) =>
  words.map((w) => [field, w.toLowerCase()] as const),
).sort((a, b) => b[1].length - a[1].length);

/** 「名前」「氏名」: the whole name, 姓 and 名. */
const WHOLE_NAME_WORDS = new Set(["名前", "氏名", "なまえ"]);

/** The fields a text names, in the form's order, each word counted once. */
function fieldsNamed(t: string): Field[] {
  let rest = t;
  const named = new Set<Field>();
  for (const [field, word] of WORDS_LONGEST_FIRST) {
    if (!rest.includes(word)) continue;
    named.add(field);
    if (WHOLE_NAME_WORDS.has(word)) named.add("givenName");
    rest = rest.split(word).join("\u0000");
  }
  return FIELDS.filter((f) => named.has(f));
}

/**
 * Mid-form, 「ちがいます 姓が鈴木で名は正です」「姓は田中で名は正夫です」: names given with their labels
 * (two, or one said as a correction) are taken as said, then the first field still empty is asked.
 */
export function labelledInForm(state: ConversationState, raw: string): StepResult | null {
  const field = fieldOf(state);
  if (!field || !isField(stepOf(state))) return null;
  const patch: RegistrationAnswers = {};
  let said = 0;
  // 「姓が鈴木で」 as 「姓は鈴木で」 (not 「姓がおかしくなってる」: a kanji or katakana name after が).
  const labelled = raw.trim().replace(/(姓|名)が(?=[\p{Script=Han}\p{Script=Katakana}])/gu, "$1は");
  for (const [, label, typed] of labelled.matchAll(LABELLED_VALUES)) {
    const f = LABEL_FIELD[label!];
    if (!f || patch[f] !== undefined) continue;
    said++;
    // 「施術所名を直したいです」 names the field only: no value.
    if (hasCorrectionWord(typed!) || /(?:たい|たく|ください|下さい|して|です)$/u.test(typed!)) return null;
    const value = checkedText(f, typed!);
    if (value === null) return null;
    patch[f] = value;
  }
  const t = nfkc(raw);
  const corrects = saysCorrection(t);
  // One labelled value for another field already answered (「姓は加藤です」 where the mail is asked) is
  // that field changed, as a correction would be.
  const changesAnother = TEXT_FIELDS.some(
    (f) => f !== field && patch[f] !== undefined && state.answers[f] !== undefined,
  );
  if (said < 2 && !(said === 1 && (corrects || changesAnother))) return null;
  const fields = TEXT_FIELDS.filter((f) => patch[f] !== undefined).reverse();
  const answers = { ...state.answers, ...patch };
  const values = fields.map((f) => `${COPY.fields[f].label}「${patch[f]}」`).join("、");
  const lead = [text(fill(R.messages.takenSeveral, { values }))];
  if (!fields.includes(field as TextField)) return reply({ ...state, answers }, [...lead, ...resume(state)]);
  const missing = FIELDS.find((f) => answers[f] === undefined);
  if (!missing) return toConfirm({ ...state, answers }, lead);
  const next = enter(state, missing, { answers });
  return reply(next, [...lead, ...resume(next)]);
}

const COUNT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, ひと: 1, ふた: 2, みっ: 3, よっ: 4 };

/**
 * Mid-form, 「所属機関をなおしたい」「院長の名前の漢字が違ってたので最初からやり直したいです」「2つ前に
 * 戻りたい」: an earlier field named (or counted back) to correct, without its new value. That field is
 * asked again (the name: 姓 and 名), the other answers kept, then the form goes on where it was.
 */
export function fieldReopenInForm(state: ConversationState, raw: string): StepResult | null {
  const field = fieldOf(state);
  if (!field || !isField(stepOf(state))) return null;
  const t = nfkc(raw).toLowerCase();
  const back = R.backWords.some((w) => t.includes(w));
  if (!back && !hasCorrectionWord(t)) return null;
  const counted = back ? COUNTED_BACK.exec(t)?.[1] : undefined;
  if (counted) {
    let target = field;
    for (let i = 0; i < (COUNT[counted] ?? Number(counted)); i++) target = previousField(target) ?? target;
    if (target === field) return null;
    const next = enter(state, target);
    return reply(next, [
      text(fill(R.messages.backToField, { label: COPY.fields[target].label })),
      ...resume(next),
    ]);
  }
  const [first, ...then] = fieldsNamed(t).filter((f) => f !== field && state.answers[f] !== undefined);
  if (!first) return /最初から|さいしょから/u.test(t) && back ? runCommand(state, "restart") : null;
  return open(state, [first, ...then], R.messages.reopenField);
}

/** A replacement offered at the card (`label`: several fields' labels, else the field's own). */
function offer(
  state: ConversationState,
  field: Field,
  patch: RegistrationAnswers,
  shown: string,
  label?: string,
): StepResult {
  const scratch = { replaceField: field, replaceValue: JSON.stringify(patch), replaceShown: shown };
  const next = enter(state, "replaceOffer", {
    scratch: label ? { ...scratch, replaceLabel: label } : scratch,
  });
  return reply(next, resume(next));
}

/**
 * A valid registration number that differs from the one given (its own 協/契, or the one chosen
 * before), or null.
 */
function changedNumber(
  state: ConversationState,
  typed: string,
): { agreementKind: AgreementKind; registrationDigits: string } | null {
  const parsed = parseRegistrationNumber(typed);
  const kind = parsed.ok ? (parsed.value.kind ?? state.answers.agreementKind) : undefined;
  if (!parsed.ok || !kind) return null;
  if (parsed.value.digits === state.answers.registrationDigits && kind === state.answers.agreementKind)
    return null;
  return { agreementKind: kind, registrationDigits: parsed.value.digits };
}

/** A new value typed at the card: which field it is for, if it is a valid one. */
function newValue(state: ConversationState, raw: string): StepResult | null {
  const mail = extractEmail(raw);
  if (mail) {
    const checked = validateEmail(mail.value);
    const value = checked.ok ? checked.value : checked.suggestion;
    // 「あ　メールはこっちでした　…@docono.ne.jp」: one letter off a domain members use; the field offers
    // the likely one, as it does when typed there.
    if (value && mailDomainSuggestion(value, R.mailDomains))
      return acceptField(enter(state, "email", { editing: true }), "email", mail.value);
    if (value && value !== state.answers.email) return offer(state, "email", { email: value }, value);
    // 「…info@satou-sekotsu,jp」: not an address the portal takes; the field answers it as it would
    // have (the likely address offered, or the reason), then comes back to the card.
    if (!checked.ok) return acceptField(enter(state, "email", { editing: true }), "email", raw);
    return null;
  }
  const number = extractRegistrationNumber(raw);
  const changed = number ? changedNumber(state, number.value) : null;
  if (changed)
    return offer(
      state,
      "registrationDigits",
      changed,
      formatRegistrationNumber(changed.agreementKind, changed.registrationDigits),
    );
  const phone = extractPhone(raw);
  const checkedPhone = phone ? validatePhone(phone.value) : null;
  if (checkedPhone?.ok && checkedPhone.value !== state.answers.phoneNumber)
    return offer(state, "phoneNumber", { phoneNumber: checkedPhone.value }, checkedPhone.value);
  return null;
}

const TEXT_FIELDS = ["clinicName", "givenName", "familyName"] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const LABEL_FIELD: Record<string, TextField> = {
  姓: "familyName",
  苗字: "familyName",
  名字: "familyName",
  下の名前: "givenName",
  名前の名: "givenName",
  名: "givenName",
  施術所名: "clinicName",
  施術所の名前: "clinicName",
  院名: "clinicName",
};
/** The labels, longest first (「名前の名」 before 「名」). */
const LABELS = Object.keys(LABEL_FIELD)
  .sort((a, b) => b.length - a.length)
  .join("|");
const LABELLED = new RegExp(`^(${LABELS})\\s*(?:は|を|が|:|：)\\s*`, "u");

/** A name or clinic name as its field takes it (a clinic as typed, a person's name width-folded), or null. */
function checkedText(field: TextField, typed: string): string | null {
  const checked = validateName(typed, field === "clinicName" ? COPY.maxClinicLength : COPY.maxNameLength);
  if (!checked.ok) return null;
  return field === "clinicName" ? typed : checked.value;
}
/** 「山田接骨院に直してください」: the value before 「に直して」. */
const TO_VALUE =
  /(.+?)(?:に|へ)(?:直して|なおして|直す|変えて|かえて|変更|修正|訂正|して(?:ください|下さい|ほしい|もらえますか)?[。．!！]*$)/u;
/** 「花子じゃなくて華子です」「山田接骨院に直してください」「正しくは華子です」: the new value. */
const NEW_VALUE = [
  /(?:じゃなくて|じゃなく|ではなくて|ではなく|でなくて|でなく)[、,\s]*(.+?)(?:です|でした|が正しい(?:です)?|に(?:直|なお|変|か|修正|訂正).*)?[。．!！]*$/u,
  // 「名前まちがえた 健一だわ」: the right value after the mistake is owned up to.
  /(?:間違え|まちがえ|間違って|まちがって)(?:た|ました|てた|てました|ちゃった)?[、,\s]+(.+)$/u,
  TO_VALUE,
  /(?:正しくは|本当は|ほんとうは)[、,\s]*(.+?)(?:です|でした)?[。．!！]*$/u,
  // 「施術所名がおかしいです山田鍼灸接骨院です」: what is wrong, then the right value.
  /(?:おかしい|おかしく(?:なって(?:る|ます|います))?|変)(?:です|でした|ですね|よ|みたい)?[、,。．!！\s]*(.+?)(?:です|でした)?[。．!！]*$/u,
];

/** A way of writing (「漢字」「ひらがな」「全角」), never a name. */
const WRITING =
  /^(?:漢字|かんじ|ひらがな|平仮名|カタカナ|片仮名|かたかな|ローマ字|英語|英字|大文字|小文字|全角|半角)(?:で|の方|のほう)?$/u;

/** 「あ、」「すみません、」 before a correction: an apology, not part of it. */
const APOLOGY = /^(?:あっ?|すみません|すいません|ごめんなさい|ごめん|失礼しました|えっと|えーと)[、,\s]+/u;

/** A new name or clinic name written in words, offered to replace the one on the card. */
function newText(state: ConversationState, raw: string): StepResult | null {
  const found = textCorrection(state, raw);
  return found ? offer(state, found.field, { [found.field]: found.value }, found.value) : null;
}

/**
 * 「姓は田中で名は正夫ですそれと施術所名は田中接骨院だけです」「姓は佐藤、名は健太」: several labelled
 * values in one message, each up to the next label, a comma or 「それと」.
 */
const LABELLED_VALUES = new RegExp(
  `(${LABELS})\\s*(?:は|を|:|：)\\s*([^、,。！!\\s]+?)(?:に(?:して|直して|なおして|変えて|かえて)(?:ください|下さい)?|でお願いします|だけです|だけ|です|で)?(?=$|[、,。！!\\s]|それと|そして|(?:姓|名|施術所名|院名)\\s*(?:は|を))`,
  "gu",
);

/** Two or more names or clinic names corrected at once, offered together (one はい changes them all). */
function newTexts(state: ConversationState, raw: string): StepResult | null {
  const patch: RegistrationAnswers = {};
  const shown: string[] = [];
  const labels: string[] = [];
  let said = 0;
  for (const [, label, typed] of raw.trim().matchAll(LABELLED_VALUES)) {
    const field = LABEL_FIELD[label!];
    if (!field || patch[field] !== undefined) continue;
    said++;
    const value = checkedText(field, typed!);
    if (value === null) return null;
    if (value === state.answers[field]) continue;
    patch[field] = value;
    shown.push(value);
    labels.push(COPY.fields[field].label);
  }
  const fields = Object.keys(patch) as TextField[];
  // 「姓は佐藤、名は健太」 with the 姓 already 佐藤: the one that changes, as a single correction.
  if (said < 2 || fields.length === 0) return null;
  if (fields.length === 1) return offer(state, fields[0]!, patch, shown[0]!);
  return offer(state, fields[0]!, patch, shown.join("／"), labels.join("・"));
}

/** 「じゃあ父の名前にします。山本 茂です」: a whole name with a space, said as the name to use. */
const WHOLE_NAME =
  /^([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]{1,8})[ 　]([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]{1,8}?)(?:です|でお願いします|にします|に変えて(?:ください)?)?$/u;

function newFullName(state: ConversationState, raw: string): StepResult | null {
  if (!/名前|なまえ|氏名/u.test(raw)) return null;
  const sentences = raw
    .split(/[。．!！\n]+/u)
    .map((x) => x.trim())
    .filter(Boolean);
  // Not 「名前まちがえた 健一だわ」: the sentence with the name says nothing else.
  const plain = sentences.filter((x) => !/名前|なまえ|氏名/u.test(x) && !hasCorrectionWord(x));
  const found = plain.map((x) => WHOLE_NAME.exec(stripEdges(x))).find((m) => m !== null);
  if (!found) return null;
  const family = validateName(found[1]!, COPY.maxNameLength);
  const given = validateName(found[2]!, COPY.maxNameLength);
  if (!family.ok || !given.ok) return null;
  const patch: RegistrationAnswers = { familyName: family.value, givenName: given.value };
  const labels = [COPY.fields.familyName.label, COPY.fields.givenName.label];
  return offer(state, "familyName", patch, `${family.value}／${given.value}`, labels.join("・"));
}

/** Which name or clinic name a text corrects, and to what (validated), or null. */
function textCorrection(state: ConversationState, raw: string): { field: TextField; value: string } | null {
  // As typed (not NFKC): a clinic keeps its （） and ①.
  const t = raw.trim().replace(APOLOGY, "");
  const split = t.split(/[。．!！\n]+/u).filter(Boolean);
  // 「施術所名まちがえました。すずき接骨院です」: the mistake owned up to, the value in the next sentence.
  const sentences = split.length > 1 ? [...split, split.join("、")] : split;
  let field: TextField | undefined;
  let value: string | undefined;
  for (const sentence of sentences) {
    const labelled = LABELLED.exec(sentence);
    for (const pattern of NEW_VALUE) {
      const found = pattern.exec(sentence)?.[1];
      if (found) {
        // 「施術所名おかしなってるやん やまだ整骨院に直して」: the value is the last phrase before 「に直して」.
        value =
          pattern === TO_VALUE
            ? (found
                .split(/[、,\s]+/u)
                .filter(Boolean)
                .at(-1) ?? found)
            : found;
        break;
      }
    }
    if (labelled) {
      field = LABEL_FIELD[labelled[1]!];
      const rest = sentence.slice(labelled[0].length);
      // 「姓を間違えました」 names the field only; 「名は華子です」 gives the value.
      if (!value && !hasCorrectionWord(rest)) value = rest;
    }
  }
  if (!value) return null;
  value = stripAnswerFrame(value.replace(LABELLED, "").replace(/^[「『]|[」』]$/gu, ""));
  // 「ひらがなではなく漢字です」 says how the value is written, not a new value.
  if (WRITING.test(value)) return null;
  // The field whose current value the member quotes (「花子じゃなくて」) is the one to correct.
  const quoted = TEXT_FIELDS.find((f) => {
    const current = state.answers[f];
    return current !== undefined && t.includes(current) && !value!.includes(current);
  });
  // 「名前」 names both: a known family name is the 姓, any other name the 名.
  const someName = /名前|なまえ|氏名/u.test(t) && !LABELLED.test(t);
  field =
    field ??
    quoted ??
    (R.clinicWords.some((w) => w.length > 1 && value!.includes(w))
      ? "clinicName"
      : someName
        ? R.surnames.includes(value)
          ? "familyName"
          : "givenName"
        : undefined);
  if (!field || !value || value === state.answers[field]) return null;
  const checked = checkedText(field, value);
  return checked === null ? null : { field, value: checked };
}

/** Beside the correction words (「まちがえ」「直し」…): 「じゃなくて」「正しくは」 say a value is being corrected. */
const SAYS_CORRECTION = /じゃなく|ではなく|でなく|正しくは|本当は|ほんとうは/u;

/**
 * At a later field's prompt, 「すみません、名は健一じゃなくて健二でした」 or 「施術所名まちがえました。
 * すずき接骨院です」 corrects a name or clinic name given before: it is changed (the card shows it
 * again at the end) and the field being asked is asked again. Never the field being asked itself.
 */
export function textCorrectionInForm(state: ConversationState, raw: string): StepResult | null {
  const field = fieldOf(state);
  if (!field || !isField(stepOf(state))) return null;
  const t = nfkc(raw);
  if (!saysCorrection(t)) return null;
  // 「ちがいます。姓は佐藤、名は花子です」: several labelled values are labelledInForm's, each its own.
  if ([...raw.trim().matchAll(LABELLED_VALUES)].length >= 2) return null;
  const found = textCorrection(state, raw);
  if (!found || found.field === field || state.answers[found.field] === undefined) return null;
  const next: ConversationState = { ...state, answers: { ...state.answers, [found.field]: found.value } };
  const label = COPY.fields[found.field].label;
  return reply(next, [text(fill(R.messages.replaced, { label, value: found.value })), ...resume(next)]);
}

/**
 * Past ②, a number written with 協/契 (「すみません番号まちがえました、協４１０１２３４－５－７ です」) is
 * the registration number corrected, not an answer to this field: taken as ② again (looked up in the
 * roster as any number is).
 */
export function numberCorrectionInForm(state: ConversationState, raw: string): StepResult | null {
  const field = fieldOf(state);
  if (!field || FIELDS.indexOf(field) <= FIELDS.indexOf("registrationDigits")) return null;
  const number = extractRegistrationNumber(raw);
  if (!number) return null;
  // Without 協/契, only when the text says it is the number being corrected (「番号まちがえました、…」).
  const t = nfkc(raw);
  const saysNumber = /番号|ばんごう/u.test(t) && hasCorrectionWord(t);
  if (!/^(協|契)/u.test(number.value) && !saysNumber) return null;
  const changed = changedNumber(state, number.value);
  if (!changed) return null;
  return advance(
    enter(state, "registrationDigits", { editing: state.editing }),
    "registrationDigits",
    changed,
  );
}

/** 「施術所名の【】はいらないです」「（本院）は消して」: a part of a value to drop. */
const DROP_PART =
  /^(?:(?:施術所名|施術所の名前|院名|姓|名字|苗字|名前|下の名前)の?)?[「『]?(.+?)[」』]?(?:は|を|も)?(?:いらない|要らない|いりません|消して|けして|取って|外して|はずして|削って|なしで|無しで)/u;
/** Brackets written as a pair with nothing inside (「【】」「（）」): those characters wherever they are. */
const BRACKET_PAIR = /^([(（【［[「『〈《])([)）】］\]」』〉》])$/u;

/** A value on the card with the part the member wants gone removed, offered to replace it. */
function withoutPart(state: ConversationState, raw: string): StepResult | null {
  const part = DROP_PART.exec(raw.trim())?.[1]?.trim();
  if (!part) return null;
  const pair = BRACKET_PAIR.exec(part);
  for (const field of TEXT_FIELDS) {
    const current = state.answers[field];
    if (!current) continue;
    const next = pair
      ? current.split(pair[1]!).join("").split(pair[2]!).join("")
      : current.includes(part)
        ? current.split(part).join("")
        : current;
    const kept = next.trim();
    if (kept !== current && kept.length > 0) return offer(state, field, { [field]: kept }, kept);
  }
  return null;
}

/**
 * 「メアド間違えた gmailです」 with 「…@gmial.com」 on the card (kept as typed): the domain the member
 * names, when the address on the card is one letter off it, offered to replace it.
 */
function mailDomainNamed(state: ConversationState, t: string): StepResult | null {
  const email = state.answers.email;
  if (!email || !/メール|メアド|アドレス|mail/iu.test(t)) return null;
  const suggestion = mailDomainSuggestion(email, R.mailDomains);
  const domain = suggestion?.slice(suggestion.lastIndexOf("@") + 1);
  const named = domain?.split(".")[0];
  if (!suggestion || !named || named.length < 3 || !t.includes(named)) return null;
  return offer(state, "email", { email: suggestion }, suggestion);
}

/** What a text typed at 入力内容確認 (or the field list) asks for, or null when it is not a correction. */
export function correctionAtConfirm(state: ConversationState, raw: string): StepResult | null {
  const step = stepOf(state);
  if (step !== "confirm" && step !== "editPick" && step !== "replaceOffer") return null;
  const t = nfkc(raw).toLowerCase();
  // 「ちがうの　きいてるだけ」 at the field list: nothing to correct, the card again.
  if (step === "editPick" && R.onlyAskingWords.some((w) => t.includes(w))) {
    const next = enter(state, "confirm");
    return reply(next, [text(R.onlyAsking), ...resume(next)]);
  }
  // 「メールはあとから変えられるの？」: a question about later, for the FAQ, not a correction now.
  if (LATER_QUESTION.test(t) && R.laterWords.some((w) => t.includes(w))) return null;
  const value =
    newValue(state, raw) ??
    mailDomainNamed(state, t) ??
    newTexts(state, raw) ??
    newFullName(state, raw) ??
    newText(state, raw) ??
    withoutPart(state, raw);
  if (value) return value;
  // 「やっぱり所属機関はあはきの方かも。うちは鍼灸もやってるので」: a change of mind is a correction too.
  const corrects = saysCorrectionOrChange(t);
  const [field, ...then] = fieldsNamed(t);
  if (field && (corrects || t.length <= 12)) return open(state, [field, ...then]);
  if (corrects) {
    const next = enter(state, "editPick");
    return reply(next, resume(next));
  }
  return null;
}
