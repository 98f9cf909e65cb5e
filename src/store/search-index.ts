// A keyed blind index of sealed member fields: HMAC-SHA256 (WebCrypto, Node and Workers alike) of the
// normalized full name, family name, given name, phone number and 登録記号番号, under SEARCH_INDEX_KEY. Staff find a member by
// an exact name or number; the database holds neither in clear, and without the key the digests
// cannot be tested against guesses. Rows are replaced whenever the registration is saved and deleted
// with the member's data.
import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import { parseRegistrationNumber } from "../engine/registration/validate.js";
import type { RegistrationAnswers } from "../engine/types.js";
import type { Database, Statement } from "./database.js";

export type SearchKind = "name" | "familyName" | "givenName" | "phone" | "registrationNumber";

/**
 * The marker row's digest: members indexed by an older version (given names and 登録記号番号 were
 * added in "2") are indexed again, a batch per search, like members registered before the index.
 */
export const INDEX_VERSION = "2";

export interface SearchIndex {
  digest(kind: SearchKind, value: string): Promise<string>;
}

/** Used only when neither SEARCH_INDEX_KEY nor DATA_ENCRYPTION_KEY is set (development). */
const DEVELOPMENT_KEY = "development-search-index-key-not-for-production";

const indexes = new Map<string, SearchIndex>();

/**
 * The index for a configured key (32 bytes, base64). Without one it derives a key from
 * DATA_ENCRYPTION_KEY, and in development from a fixed string: set SEARCH_INDEX_KEY in production so
 * rotating the encryption key does not change the digests.
 */
export function searchIndexFor(searchKey?: string, encryptionKey?: string): SearchIndex {
  const material = searchKey
    ? `key:${searchKey}`
    : encryptionKey
      ? `derived:${encryptionKey}`
      : DEVELOPMENT_KEY;
  let index = indexes.get(material);
  if (!index) {
    index = hmacIndex(material, searchKey);
    indexes.set(material, index);
  }
  return index;
}

function hmacIndex(material: string, searchKey?: string): SearchIndex {
  const key = (async () => {
    const raw = searchKey
      ? decodeKey(searchKey)
      : new Uint8Array(
          await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`search-index|${material}`)),
        );
    return crypto.subtle.importKey("raw", raw as BufferSource, { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
    ]);
  })();
  return {
    async digest(kind, value) {
      const mac = await crypto.subtle.sign(
        "HMAC",
        await key,
        new TextEncoder().encode(`${kind}\u0000${value}`),
      );
      return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
    },
  };
}

function decodeKey(base64: string): Uint8Array {
  const raw = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  if (raw.length < 32) throw new Error("SEARCH_INDEX_KEY must be at least 32 bytes in base64");
  return raw;
}

/** Names compare without spaces and width differences; phone numbers by their digits. */
export function normalizeName(value: string): string {
  return value.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

export function normalizePhone(value: string): string {
  return value.normalize("NFKC").replace(/\D/g, "");
}

export function searchTerms(answers: RegistrationAnswers): Array<{ kind: SearchKind; value: string }> {
  const family = normalizeName(answers.familyName ?? "");
  const given = normalizeName(answers.givenName ?? "");
  const phone = normalizePhone(answers.phoneNumber ?? "");
  const terms: Array<{ kind: SearchKind; value: string }> = [];
  if (family || given) terms.push({ kind: "name", value: family + given });
  if (family) terms.push({ kind: "familyName", value: family });
  if (given) terms.push({ kind: "givenName", value: given });
  if (phone) terms.push({ kind: "phone", value: phone });
  if (answers.agreementKind && answers.registrationDigits)
    terms.push({
      kind: "registrationNumber",
      value: answers.agreementKind + answers.registrationDigits.normalize("NFKC").replace(/\D/g, ""),
    });
  return terms;
}

/** Replaces a member's index rows with those of these answers (for the registration's batch). */
export async function searchIndexStatements(
  db: Database,
  index: SearchIndex,
  userId: string,
  answers: RegistrationAnswers,
): Promise<Statement[]> {
  const rows = await Promise.all(
    searchTerms(answers).map(async (t) => ({
      userId,
      kind: t.kind,
      digest: await index.digest(t.kind, t.value),
    })),
  );
  const k = schema.memberSearchKeys;
  // The marker row says "indexed" even for answers without a name or number yet.
  const marker = { userId, kind: "indexed" as const, digest: INDEX_VERSION };
  return [db.delete(k).where(eq(k.userId, userId)), db.insert(k).values([marker, ...rows])];
}

/**
 * Members whose full name, family name, given name, phone number or 登録記号番号 is exactly what was
 * typed (width, spaces and every kind of hyphen aside; a number without 協／契 matches either).
 */
export async function findByIndex(db: Database, index: SearchIndex, query: string): Promise<string[]> {
  const name = normalizeName(query);
  const phone = normalizePhone(query);
  const wanted: Array<{ kind: SearchKind; value: string }> = [];
  if (name)
    wanted.push(
      { kind: "name", value: name },
      { kind: "familyName", value: name },
      { kind: "givenName", value: name },
    );
  const number = parseRegistrationNumber(query);
  if (number.ok) {
    const kinds = number.value.kind ? [number.value.kind] : ["協", "契"];
    for (const kind of kinds) wanted.push({ kind: "registrationNumber", value: kind + number.value.digits });
  }
  // A phone number: digits, maybe with hyphens, brackets or spaces, 10 or 11 digits in all.
  if (/^[\d\s\-()（）ー−]+$/.test(query.normalize("NFKC")) && phone.length >= 10)
    wanted.push({ kind: "phone", value: phone });
  if (wanted.length === 0) return [];
  const digests = await Promise.all(wanted.map((w) => index.digest(w.kind, w.value)));
  const k = schema.memberSearchKeys;
  const rows = await db.select({ userId: k.userId }).from(k).where(inArray(k.digest, digests));
  return [...new Set(rows.map((r) => r.userId))];
}

/**
 * Members with answers but no index rows (registered before the index existed), `limit` at a time,
 * so a search can index them first.
 */
export async function unindexedMembers(
  db: Database,
  limit: number,
): Promise<Array<{ userId: string; registration: string }>> {
  const m = schema.members;
  const k = schema.memberSearchKeys;
  const rows = await db
    .select({ userId: m.userId, registration: m.registration })
    .from(m)
    .leftJoin(k, and(eq(k.userId, m.userId), eq(k.kind, "indexed"), eq(k.digest, INDEX_VERSION)))
    .where(and(isNotNull(m.registration), isNull(k.userId)))
    .limit(limit);
  return rows.flatMap((r) => (r.registration ? [{ userId: r.userId, registration: r.registration }] : []));
}
