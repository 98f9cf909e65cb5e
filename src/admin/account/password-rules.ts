// The rule for a new staff password, shared by the account page and the admin's reset: long enough,
// and not one an attacker tries first (OWASP ASVS 2.1.7 in spirit): one character repeated, a short
// run repeated, a sequence (abcd…, 1234…, qwerty…), the account's login id or name, or a common
// password with digits or signs around it.
import type { Flash } from "../pages/layout.js";

export const MIN_PASSWORD = 12;
const MAX_PASSWORD = 200;

export type PasswordProblem =
  | "tooShort"
  | "tooLong"
  | "mismatch"
  | "repeated"
  | "sequence"
  | "personal"
  | "common";

const WEAK = "は推測されやすいため使えません。";

export const PASSWORD_ERRORS: Record<PasswordProblem, Flash> = {
  tooShort: { kind: "error", text: `新しいパスワードは${MIN_PASSWORD}文字以上にしてください。` },
  tooLong: { kind: "error", text: `新しいパスワードは${MAX_PASSWORD}文字以内にしてください。` },
  mismatch: { kind: "error", text: "確認のために入力した新しいパスワードが一致しません。" },
  repeated: {
    kind: "error",
    text: `同じ文字や同じ並びをくり返しただけのパスワード（aaaa…、abcabc…など）${WEAK}`,
  },
  sequence: {
    kind: "error",
    text: `順番に並んだ文字だけのパスワード（1234…、abcd…、キーボードの並びなど）${WEAK}`,
  },
  personal: { kind: "error", text: `ログインIDや名前を含むパスワード${WEAK}` },
  common: {
    kind: "error",
    text: `よく使われる言葉（password、admin など）に数字や記号を足しただけのパスワード${WEAK}`,
  },
};

/** Whose password it is: a password may not contain either. */
export interface PasswordOwner {
  loginId: string;
  displayName: string;
}

/** Words attackers try first (lower case, letters only), including this association's own. */
const COMMON_WORDS = new Set([
  "password",
  "passwd",
  "pass",
  "qwerty",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "admin",
  "administrator",
  "welcome",
  "letmein",
  "iloveyou",
  "changeme",
  "login",
  "secret",
  "master",
  "monkey",
  "dragon",
  "sunshine",
  "football",
  "baseball",
  "abc",
  "test",
  "guest",
  "user",
  "staff",
  "line",
  "saitama",
  "seikotsu",
  "sekkotsu",
  "judo",
  "jusei",
  "jimukyoku",
]);

const KEYBOARD_ROWS = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"];
/** Digits and signs people swap for letters (p@ssw0rd). */
const LEET: Record<string, string> = {
  "@": "a",
  "4": "a",
  "0": "o",
  "1": "i",
  "3": "e",
  $: "s",
  "5": "s",
  "7": "t",
};

export function checkNewPassword(
  password: string,
  confirm: string,
  owner?: PasswordOwner,
): PasswordProblem | null {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD) return "tooShort";
  if (chars.length > MAX_PASSWORD) return "tooLong";
  if (password !== confirm) return "mismatch";
  return weakness(password, owner);
}

function weakness(password: string, owner?: PasswordOwner): PasswordProblem | null {
  const p = fold(password);
  if (isRepetition(p)) return "repeated";
  if (isSequence(p)) return "sequence";
  if (owner) {
    const names = [owner.loginId, owner.displayName.replace(/さん$/, "")]
      .map(fold)
      .filter((n) => n.length >= 3);
    if (names.some((n) => p.includes(n))) return "personal";
  }
  // A common word with only digits or signs around it (password1234!, P@ssw0rd2026, 1234admin!!).
  const core = p.replace(/^[^a-z@$]+|[^a-z@$]+$/g, "");
  const letters = [...core].map((c) => LEET[c] ?? c).join("");
  const stem = letters.replace(/[^a-z]/g, "");
  if (stem.length > 0 && /^[a-z@$\d]+$/.test(core) && isCommonStem(stem)) return "common";
  return null;
}

/** One character, or a run of up to 4, repeated to the whole length. */
function isRepetition(p: string): boolean {
  const chars = [...p];
  for (let unit = 1; unit <= 4; unit++) {
    const head = chars.slice(0, unit).join("");
    if (chars.every((c, i) => c === head[i % unit])) return true;
  }
  return false;
}

/** Every step one up or one down (abcdef…, 9876…, wrapping 9→0), or a run along a keyboard row. */
function isSequence(p: string): boolean {
  const codes = [...p].map((c) => c.codePointAt(0)!);
  const steps = codes.slice(1).map((c, i) => c - codes[i]!);
  const wrap = (d: number) => d === -9 || d === 9; // 7890123…
  if (steps.every((d) => d === 1) || steps.every((d) => d === -1)) return true;
  if (/^\d+$/.test(p) && (steps.every((d) => d === 1 || wrap(d)) || steps.every((d) => d === -1 || wrap(d))))
    return true;
  const rows = KEYBOARD_ROWS.flatMap((r) => [r, [...r].reverse().join("")]).join(" ");
  // Split into pieces along the rows (qwertyuiop1234 is two runs): all of it keyboard runs is weak.
  return /^[a-z0-9]+$/.test(p) && coveredByRuns(p, rows);
}

function coveredByRuns(p: string, rows: string): boolean {
  let i = 0;
  while (i < p.length) {
    let j = i + 1;
    while (j < p.length && rows.includes(p.slice(i, j + 1))) j++;
    if (j - i < 3) return false;
    i = j;
  }
  return true;
}

function isCommonStem(stem: string): boolean {
  if (COMMON_WORDS.has(stem)) return true;
  // The same word twice (passwordpassword), or two common words (adminpassword).
  for (let k = 1; k < stem.length; k++)
    if (COMMON_WORDS.has(stem.slice(0, k)) && COMMON_WORDS.has(stem.slice(k))) return true;
  return false;
}

function fold(value: string): string {
  return value.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}
