// The rule for a new staff password, shared by the account page, the admin's reset and the CLI.
import type { Flash } from "../pages/layout.js";

export const MIN_PASSWORD = 12;
const MAX_PASSWORD = 200;

export type PasswordProblem = "tooShort" | "tooLong" | "mismatch";

export const PASSWORD_ERRORS: Record<PasswordProblem, Flash> = {
  tooShort: { kind: "error", text: `新しいパスワードは${MIN_PASSWORD}文字以上にしてください。` },
  tooLong: { kind: "error", text: `新しいパスワードは${MAX_PASSWORD}文字以内にしてください。` },
  mismatch: { kind: "error", text: "確認のために入力した新しいパスワードが一致しません。" },
};

export function checkNewPassword(password: string, confirm: string): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD) return "tooShort";
  if ([...password].length > MAX_PASSWORD) return "tooLong";
  if (password !== confirm) return "mismatch";
  return null;
}
