// Shared by the robustness suites (faults, fuzz, privacy): a member with recognisable personal data,
// the registration form walked through the simulator, signed webhook bodies built like LINE's, and
// reads of a member's rows. Values are unusual on purpose so a grep for them cannot hit anything else.
import { eq } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import { type ConversationState, INITIAL_STATE } from "../../src/engine/types.js";
import type { FieldCipher } from "../../src/store/cipher.js";
import { plainCipher } from "../../src/store/cipher.js";
import type { Database } from "../../src/store/database.js";
import type { TestBot } from "../helpers/bot.js";

/** The person a test registers; every value is searched for in logs and raw database bytes. */
export const PERSON = {
  familyName: "織田",
  givenName: "信長",
  digits: "110987654",
  registrationNumber: "協1109876-5-4",
  clinicName: "桶狭間接骨院",
  phoneNumber: "0486259999",
  email: "nobunaga.oda@example.jp",
} as const;

/** The personal strings that must never show up in plain text at rest or in logs. */
export const PERSONAL_VALUES = [
  PERSON.familyName,
  PERSON.givenName,
  PERSON.digits,
  "1109876",
  PERSON.clinicName,
  PERSON.phoneNumber,
  PERSON.email,
  "nobunaga",
];

type Step = { text: string } | { postback: string };

/** The form from 「登録」 to the confirmation card, as the member types and taps it. */
export const FORM_STEPS: Step[] = [
  { text: "登録" },
  { text: PERSON.familyName },
  { text: PERSON.givenName },
  { postback: "a=reg.choice&field=affiliation&value=1" },
  { postback: "a=reg.choice&field=agreementKind&value=%E5%8D%94" },
  { text: PERSON.digits },
  { text: PERSON.clinicName },
  { text: PERSON.phoneNumber },
  { text: PERSON.email },
];

/** Sends form steps [from, to) through the simulator; fails on anything but a 200. */
export async function walkForm(
  bot: TestBot,
  userId: string,
  from = 0,
  to = FORM_STEPS.length,
): Promise<void> {
  for (const step of FORM_STEPS.slice(from, to)) {
    const { webhookStatus } = await bot.send({ userId, ...step });
    if (webhookStatus !== 200) throw new Error(`form step answered ${webhookStatus}`);
  }
}

/** The whole registration: the form, 「この内容でOK」 and 「登録ボタンを押した」. */
export async function register(bot: TestBot, userId: string): Promise<void> {
  await bot.send({ userId, event: "follow" });
  await walkForm(bot, userId);
  await bot.send({ userId, postback: "a=reg.ok" });
  await bot.send({ userId, postback: "a=journey.report&step=linkSent" });
}

export { eventId, postbackEvent, textEvent } from "../helpers/webhook-events.js";

/** The same event as LINE redelivers it after a non-2xx answer. */
export function redelivered<T extends { deliveryContext: { isRedelivery: boolean } }>(event: T): T {
  return { ...event, deliveryContext: { isRedelivery: true } };
}

export function webhookBody(events: unknown[]): string {
  return JSON.stringify({ destination: "Urobustness", events });
}

export interface MemberRows {
  state: ConversationState | null;
  version: number | null;
  processed: number;
  journey: number;
}

/** What the database holds for one member: decrypted state, version, processed and journey rows. */
export async function memberRows(
  db: Database,
  userId: string,
  cipher: FieldCipher = plainCipher,
): Promise<MemberRows> {
  const [conversation] = await db
    .select()
    .from(schema.conversations)
    .where(eq(schema.conversations.userId, userId));
  const processed = await db
    .select()
    .from(schema.processedEvents)
    .where(eq(schema.processedEvents.userId, userId));
  const journey = await db.select().from(schema.journeyEvents).where(eq(schema.journeyEvents.userId, userId));
  return {
    state: conversation ? (JSON.parse(await cipher.open(conversation.state)) as ConversationState) : null,
    version: conversation?.version ?? null,
    processed: processed.length,
    journey: journey.length,
  };
}

export { INITIAL_STATE };
