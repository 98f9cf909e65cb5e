// Fills the registration form the way a member does (typing the free fields, tapping the buttons
// for 所属機関 and ①), so journey, FAQ and erasure tests can start from a member who has the copy sheet.
import { expect } from "vitest";
import { registrationCopy as C } from "../../flows/registration.js";
import { flexTexts, type Member, type Message } from "./e2e-member.js";

export type FieldName = keyof typeof C.fields;
/** Row labels of the 入力内容確認 card. */
export const ROWS = C.confirmCard.rows;

/** The last bubble asks for `field` (its prompt from flows/registration). */
export function expectAsked(m: Member, field: FieldName): void {
  expect(m.last.at(-1)?.text ?? "", `expected the ${field} prompt`).toContain(C.fields[field].prompt);
}

/** The value shown right after a row label in a Flex card. */
export function cardValue(card: Message | undefined, label: string): string | undefined {
  const texts = flexTexts(card?.contents);
  const i = texts.indexOf(label);
  return i < 0 ? undefined : texts[i + 1];
}

export interface FormValues {
  familyName: string;
  givenName: string;
  /** The quick-reply label to tap. */
  affiliationLabel: string;
  /** The label to tap at ①. */
  agreementKind: "協" | "契";
  digits: string;
  clinicName: string;
  phone: string;
  email: string;
}

export const SAMPLE: FormValues = {
  familyName: "鳩ヶ谷",
  givenName: "葵",
  affiliationLabel: "施術所（柔道整復）",
  agreementKind: "協",
  digits: "110123456",
  clinicName: "鳩ヶ谷ほねつぎ院",
  phone: "0482221111",
  email: "aoi.hatogaya@example.jp",
};

/** From idle to the 入力内容確認 card (no roster row for the number). */
export async function fillToConfirm(member: Member, v: FormValues = SAMPLE): Promise<void> {
  await member.say("登録");
  expect(member.read).toContain("姓");
  await member.say(v.familyName);
  await member.say(v.givenName);
  await member.tap(v.affiliationLabel);
  await member.tap(v.agreementKind);
  await member.say(v.digits);
  await member.say(v.clinicName);
  await member.say(v.phone);
  await member.say(v.email);
  expect(member.last.at(-1)?.type).toBe("flex");
  expect(member.quickLabels).toContain("この内容でOK");
}

/** All the way to the copy sheet. */
export async function completeRegistration(member: Member, v: FormValues = SAMPLE): Promise<void> {
  await fillToConfirm(member, v);
  await member.tap("この内容でOK");
  expect(member.quickLabels).toContain("登録ボタンを押した");
}

/** 「登録」, then the given answers typed one by one: the member is at the next field. */
export async function atField(member: Member, answers: string[]): Promise<void> {
  await member.say("登録");
  for (const a of answers) await member.say(a);
}
