// Finds members for the list page. Filters run in SQL. What staff type is tried three ways: a user id
// (prefix, in SQL); an exact name or phone number through the keyed blind index (the fields are
// sealed, so only exact matches); and a clinic-name fragment, which opens the filtered members page by
// page (fine for an association's few thousand members).
import type { FieldCipher } from "../../store/cipher.js";
import { type Database, runBatch } from "../../store/database.js";
import {
  findByIndex,
  type SearchIndex,
  searchIndexStatements,
  unindexedMembers,
} from "../../store/search-index.js";
import { listMembers, type MemberFilter, type MemberRow, scanMembers } from "../../store/staff-members.js";
import { displayAnswers, openRegistration } from "./mask.js";

export interface MemberListItem {
  member: MemberRow;
  clinicName: string;
  /** Masked (埼＊ ＊郎), as everywhere before an audited reveal. */
  maskedName: string;
}

export interface MemberSearch extends MemberFilter {
  q?: string;
}

const USER_ID = /^U[0-9a-f]{3,32}$/i;
/** Members indexed per search at most, when some were registered before the index existed. */
const BACKFILL_BATCH = 500;

export async function searchMembers(
  db: Database,
  cipher: FieldCipher,
  index: SearchIndex | undefined,
  search: MemberSearch,
  page: { limit: number; offset: number },
): Promise<{ items: MemberListItem[]; total: number }> {
  const { q = "", ...filter } = search;
  const query = q.trim();
  if (query === "" || USER_ID.test(query)) {
    const { rows, total } = await listMembers(db, { ...filter, userIdPrefix: query || undefined }, page);
    return { items: await Promise.all(rows.map((m) => itemOf(cipher, m))), total };
  }
  const exact = new Set(index ? await indexedMatches(db, cipher, index, query) : []);
  const needle = fold(query);
  const matches: MemberListItem[] = [];
  for await (const rows of scanMembers(db, filter)) {
    for (const member of rows) {
      const item = await itemOf(cipher, member);
      if (exact.has(member.userId) || (item.clinicName && fold(item.clinicName).includes(needle)))
        matches.push(item);
    }
  }
  return { items: matches.slice(page.offset, page.offset + page.limit), total: matches.length };
}

async function indexedMatches(db: Database, cipher: FieldCipher, index: SearchIndex, query: string) {
  // Members who registered before the index existed are indexed first, a batch at a time.
  for (const row of await unindexedMembers(db, BACKFILL_BATCH)) {
    const answers = await openRegistration(cipher, row.registration);
    if (answers) await runBatch(db, await searchIndexStatements(db, index, row.userId, answers));
  }
  return findByIndex(db, index, query);
}

async function itemOf(cipher: FieldCipher, member: MemberRow): Promise<MemberListItem> {
  const answers = await openRegistration(cipher, member.registration);
  const shown = answers ? displayAnswers(answers, false) : null;
  return { member, clinicName: shown?.clinicName ?? "", maskedName: shown?.name ?? "" };
}

/** Full-width/half-width and case differences do not matter when searching. */
function fold(value: string): string {
  return value.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}
