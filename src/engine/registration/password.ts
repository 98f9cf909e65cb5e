// The bot never takes a password. Anything that could be one is recognized here so it is neither
// echoed nor stored; the router calls `looksLikePassword` on every text, in every state.
import { nfkc } from "./normalize.js";

const KEYWORD = /(パスワード|ぱすわーど|password|passwd)/iu;
/** 「パスワードは Abcd1234」「password: xyz9」: a keyword, a particle or sign, then a half-width value. */
const KEYWORD_VALUE =
  /(?:パスワード|ぱすわーど|password|passwd)\s*(?:は|が|を|も|:|=|です|→|->|、|,|：)?\s*(?:「|")?([\x21-\x7E]{4,})/iu;
/** 「pass: xyz9」「PW=…」: short keywords only with a sign, so 「passion@…」 is not caught. */
const SHORT_KEYWORD_VALUE = /(?:^|[^a-z])(?:pass|pw|pwd)\s*[:=]\s*([\x21-\x7E]{4,})/iu;
const HALF_WIDTH_TOKEN = /^[\x21-\x7E]+$/;
/** Half-width runs inside a sentence (「ログインできません。Saitama2024と入れています」). */
const EMBEDDED_TOKENS = /[\x21-\x7E]{8,100}/g;
/** Product names members ask about that happen to meet the rule: not passwords. */
const PRODUCT_NAME =
  /^(windows\d+|iphone\d+\w*|ipad\w*|android\d+|office\d+|pixel\d+\w*|galaxy\w*|xperia\w*|aquos\w*)$/i;

/** The portal's rule: upper, lower and digit each at least once, 8–100 characters (no spaces, not a mail). */
export function meetsPortalRule(token: string): boolean {
  return (
    token.length >= 8 &&
    token.length <= 100 &&
    HALF_WIDTH_TOKEN.test(token) &&
    !token.includes("@") &&
    /[A-Z]/.test(token) &&
    /[a-z]/.test(token) &&
    /[0-9]/.test(token)
  );
}

/** A value after 「パスワード」 that looks chosen rather than a word: a digit, a symbol or mixed case. */
function looksChosen(value: string): boolean {
  return /\d/.test(value) || /[^A-Za-z0-9]/.test(value) || (/[A-Z]/.test(value) && /[a-z]/.test(value));
}

/**
 * True for anything that could be a password: a whole message of 8–100 half-width characters
 * without spaces or 「@」 that has upper case, lower case and a digit, or 「パスワード」 followed by a value.
 * Mail addresses, phone and registration numbers never match (no @, no lower-case letters).
 */
export function looksLikePassword(text: string): boolean {
  const t = nfkc(text).trim();
  if (meetsPortalRule(t)) return true;
  // A password pasted inside a sentence must not reach an inquiry or the FAQ log either.
  const embedded = t.match(EMBEDDED_TOKENS) ?? [];
  if (
    embedded.some((token) => meetsPortalRule(token) && !PRODUCT_NAME.test(token) && !/^https?:/i.test(token))
  )
    return true;
  const value = KEYWORD_VALUE.exec(t)?.[1] ?? SHORT_KEYWORD_VALUE.exec(t)?.[1];
  return value !== undefined && looksChosen(value);
}

/** The text talks about passwords (a question about the rule, not a value). */
export const mentionsPassword = (text: string): boolean => KEYWORD.test(nfkc(text));
