// A member's whole visit as the privacy suites replay it: registration, FAQ, a question for staff
// carrying personal data, a password sent by mistake. The typed texts are listed so a test can look
// for them where they must not be (logs, plain columns, raw database bytes).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PERSON, register } from "../faults/support.js";
import type { TestBot } from "../helpers/bot.js";

/** What the member types besides the form; none of it may reach a log. */
export const TYPED = {
  faq: "補助金はいくらもらえますか",
  inquiry: `${PERSON.familyName}${PERSON.givenName}です。${PERSON.clinicName}の登録で困っています。電話は${PERSON.phoneNumber}です`,
  password: "Okehazama1560Nobu",
};

export async function fullSession(bot: TestBot, userId: string): Promise<void> {
  await register(bot, userId);
  await bot.say(userId, TYPED.faq);
  await bot.send({ userId, postback: "a=inquiry.start" });
  await bot.say(userId, TYPED.inquiry);
  await bot.send({ userId, postback: "a=inquiry.send" });
  await bot.say(userId, TYPED.password);
}

/** The bytes of every file of the test's database (main file, WAL, shared memory). */
export function rawDatabaseBytes(dir: string): Buffer {
  const files = readdirSync(dir).filter((f) => f.startsWith("test.db"));
  return Buffer.concat(files.map((f) => readFileSync(join(dir, f))));
}

/** The values of `needles` found in `haystack` as UTF-8 bytes. */
export function foundIn(haystack: Buffer, needles: readonly string[]): string[] {
  return needles.filter((n) => haystack.includes(Buffer.from(n, "utf8")));
}
