// Masking of a member's form answers: staff see enough to recognise a member (埼＊ ＊郎, 090****5678)
// and reveal the rest only on purpose (an audited POST).
import { formatRegistrationNumber } from "../../engine/registration/validate.js";
import type { RegistrationAnswers } from "../../engine/types.js";
import type { FieldCipher } from "../../store/cipher.js";

const FULL_MASK = "＊";
const HALF_MASK = "*";

export interface DisplayedAnswers {
  name: string;
  clinicName: string;
  affiliation: string;
  registrationNumber: string;
  phoneNumber: string;
  email: string;
}

/** The decrypted answers, or null when none are stored or they cannot be read. */
export async function openRegistration(
  cipher: FieldCipher,
  sealed: string | null,
): Promise<RegistrationAnswers | null> {
  if (!sealed) return null;
  try {
    const value = JSON.parse(await cipher.open(sealed)) as unknown;
    return value && typeof value === "object" ? (value as RegistrationAnswers) : null;
  } catch {
    return null;
  }
}

export function registrationNumberOf(answers: RegistrationAnswers): string {
  const { agreementKind, registrationDigits } = answers;
  if (!registrationDigits) return "";
  return agreementKind ? formatRegistrationNumber(agreementKind, registrationDigits) : registrationDigits;
}

export function displayAnswers(answers: RegistrationAnswers, revealed: boolean): DisplayedAnswers {
  const number = registrationNumberOf(answers);
  const family = answers.familyName ?? "";
  const given = answers.givenName ?? "";
  return {
    name: revealed ? `${family} ${given}`.trim() : `${maskKeepFirst(family)} ${maskKeepLast(given)}`.trim(),
    clinicName: answers.clinicName ?? "",
    affiliation: answers.affiliation ?? "",
    registrationNumber: revealed ? number : maskRegistrationNumber(number),
    phoneNumber: revealed ? (answers.phoneNumber ?? "") : maskPhone(answers.phoneNumber ?? ""),
    email: revealed ? (answers.email ?? "") : maskEmail(answers.email ?? ""),
  };
}

/** 埼玉 → 埼＊ */
export function maskKeepFirst(value: string): string {
  const chars = [...value];
  return chars.length <= 1 ? chars.join("") : chars[0] + FULL_MASK.repeat(chars.length - 1);
}

/** 太郎 → ＊郎 */
export function maskKeepLast(value: string): string {
  const chars = [...value];
  return chars.length <= 1
    ? FULL_MASK.repeat(chars.length)
    : FULL_MASK.repeat(chars.length - 1) + chars.at(-1);
}

/** 09012345678 → 090****5678 */
export function maskPhone(value: string): string {
  if (value.length <= 7) return HALF_MASK.repeat(value.length);
  return value.slice(0, 3) + HALF_MASK.repeat(value.length - 7) + value.slice(-4);
}

/** taro.yamada@example.jp → t***@example.jp */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf("@");
  if (at < 1) return HALF_MASK.repeat(value.length);
  return `${value[0]}***${value.slice(at)}`;
}

/** 協1101234-5-6 → 協11*****-*-6 */
export function maskRegistrationNumber(value: string): string {
  if (value.length < 4) return HALF_MASK.repeat(value.length);
  const chars = [...value];
  return chars.map((ch, i) => (i < 3 || i === chars.length - 1 || ch === "-" ? ch : HALF_MASK)).join("");
}
