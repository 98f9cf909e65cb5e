// The portal's rules for each field, as values ({ ok, value } | { ok: false, error }), never exceptions.
// Inputs go through the normalizers first, so a rule only has to speak about the cleaned text.

import { normalizeCommand, toHiragana } from "../understand/normalize.js";
import {
  charCount,
  NUMBER_SEPARATORS,
  normalizeEmail,
  normalizeName,
  normalizeNumberText,
  normalizePhone,
} from "./normalize.js";

export type Result<T, E extends string> = { ok: true; value: T } | { ok: false; error: E; count?: number };

export type AgreementKind = "協" | "契";
export type NameError = "empty" | "tooLong" | "digitsOnly" | "emoji" | "noLetters";
export type DigitsError = "empty" | "notDigits" | "wrongLength";
export type PhoneError =
  | "empty"
  | "notDigits"
  | "noLeadingZero"
  | "wrongLength"
  | "mobileLength"
  | "landlineLength";
export type EmailError = "empty" | "tooLong" | "noAt" | "dots" | "badLocal" | "badDomain" | "upperCase";

const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}]/u;
const LETTER = /\p{L}/u;
const fail = <E extends string>(error: E, count?: number): { ok: false; error: E; count?: number } =>
  count === undefined ? { ok: false, error } : { ok: false, error, count };

/** 姓, 名 or 施術所名: not empty, at most `max` characters, not digits only, no emoji. */
export function validateName(input: string, max: number): Result<string, NameError> {
  const value = normalizeName(input);
  const length = charCount(value);
  if (length === 0) return fail("empty");
  if (length > max) return fail("tooLong", length);
  if (/^[\d\s]+$/u.test(value)) return fail("digitsOnly");
  if (EMOJI.test(value)) return fail("emoji");
  if (!LETTER.test(value)) return fail("noLetters");
  return { ok: true, value };
}

export interface RegistrationNumber {
  kind?: AgreementKind;
  digits: string;
}

/** ② 9 digits, or a whole 「協1101234-5-6」 (then ① comes with it). */
export function parseRegistrationNumber(input: string): Result<RegistrationNumber, DigitsError> {
  const text = normalizeNumberText(input);
  const match = /^(協|契)?[:：]?(.*)$/su.exec(text);
  const kind = match?.[1] as AgreementKind | undefined;
  const digits = (match?.[2] ?? "").replace(NUMBER_SEPARATORS, "");
  if (digits.length === 0) return fail("empty");
  if (!/^\d+$/.test(digits)) return fail("notDigits");
  if (digits.length !== 9) return fail("wrongLength", digits.length);
  return { ok: true, value: kind ? { kind, digits } : { digits } };
}

/** The portal's auto-filled 登録記号番号: 協 + 110123456 → 協1101234-5-6. */
export function formatRegistrationNumber(kind: AgreementKind, digits: string): string {
  return `${kind}${digits.slice(0, 7)}-${digits.slice(7, 8)}-${digits.slice(8, 9)}`;
}

/** 携帯・PHS 070/080/090, IP 050, 060, M2M 020: always 11 digits. */
const MOBILE = /^0[2-9]0/;
/** Free dial: 0800 has 11 digits, 0120 10 or 11 (the portal's own example is 01201234567). */
const FREE_DIAL = /^0(?:800|120)/;

/** 電話番号: half-width digits, no hyphens, 10 or 11 digits starting with 0, the length its prefix has. */
export function validatePhone(input: string): Result<string, PhoneError> {
  const value = normalizePhone(input);
  if (value.length === 0) return fail("empty");
  if (!/^\d+$/.test(value)) return fail("notDigits");
  if (!value.startsWith("0")) return fail("noLeadingZero");
  if (value.length !== 10 && value.length !== 11) return fail("wrongLength", value.length);
  // A landline has 10 digits (「048-123-45678」 is a typo), a mobile number 11.
  if (value.length === 11 && !MOBILE.test(value) && !FREE_DIAL.test(value))
    return fail("landlineLength", value.length);
  if (value.length === 10 && MOBILE.test(value)) return fail("mobileLength", value.length);
  return { ok: true, value };
}

const LOCAL = /^[a-z0-9._-]+$/;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function checkEmail(value: string): Result<string, Exclude<EmailError, "upperCase">> {
  if (value.length === 0) return fail("empty");
  if (value.length > 254) return fail("tooLong");
  const parts = value.split("@");
  if (parts.length !== 2) return fail("noAt");
  const [local = "", domain = ""] = parts;
  // Consecutive dots, or a dot at either end of a part: the portal refuses such an address.
  if (/\.\./.test(value) || /^\.|\.$/.test(local) || /^\.|\.$/.test(domain)) return fail("dots");
  if (local.length === 0 || local.length > 64 || !LOCAL.test(local)) return fail("badLocal");
  if (!DOMAIN.test(domain)) return fail("badDomain");
  return { ok: true, value };
}

export type EmailResult = Result<string, EmailError> & { suggestion?: string };

/** メールアドレス per the portal (lower-case letters, digits, . - _). Upper case only → a suggestion. */
export function validateEmail(input: string): EmailResult {
  const value = normalizeEmail(input);
  const checked = checkEmail(value);
  if (checked.ok || !/[A-Z]/.test(value)) return checked;
  const lower = value.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (!checkEmail(lower).ok) return checked;
  return { ok: false, error: "upperCase", suggestion: lower };
}

/** Picks an option whose words match the text (after normalization); exact words first, then contained. */
/** The option one of whose words the input is, whole (「柔道整復」, not 「鈴木整骨院」). */
export function exactOption<T extends { words: string[] }>(
  input: string,
  options: readonly T[],
): T | undefined {
  const fold = (s: string) => toHiragana(normalizeCommand(s));
  const key = fold(input);
  return key.length === 0 ? undefined : options.find((o) => o.words.some((w) => fold(w) === key));
}

export function matchOption<T extends { words: string[] }>(
  input: string,
  options: readonly T[],
): T | undefined {
  // Katakana as hiragana: 「ｷｮｳ」 typed in half-width kana is 「きょう」.
  const fold = (s: string) => toHiragana(normalizeCommand(s));
  const key = fold(input);
  if (key.length === 0) return undefined;
  const exact = exactOption(input, options);
  if (exact) return exact;
  const contains = (w: string) => (fold(w).length > 1 || key.length <= 3) && key.includes(fold(w));
  const hits = options.filter((o) => o.words.some(contains));
  return hits.length === 1 ? hits[0] : undefined;
}
