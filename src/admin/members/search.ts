// Finds members for the list page. Filters run in SQL; a clinic-name fragment needs the decrypted
// registration, so those searches open the filtered members page by page (fine for an association's
// few thousand members), and a user id is matched by prefix in SQL.
import type { FieldCipher } from "../../store/cipher.js";
import type { Database } from "../../store/database.js";
import { listMembers, type MemberFilter, type MemberRow, scanMembers } from "../../store/staff-members.js";
import { openRegistration } from "./mask.js";

export interface MemberListItem {
  member: MemberRow;
  clinicName: string;
}

export interface MemberSearch extends MemberFilter {
  q?: string;
}

const USER_ID = /^U[0-9a-f]{3,32}$/i;

export async function searchMembers(
  db: Database,
  cipher: FieldCipher,
  search: MemberSearch,
  page: { limit: number; offset: number },
): Promise<{ items: MemberListItem[]; total: number }> {
  const { q = "", ...filter } = search;
  const query = q.trim();
  if (query === "" || USER_ID.test(query)) {
    const { rows, total } = await listMembers(db, { ...filter, userIdPrefix: query || undefined }, page);
    return { items: await Promise.all(rows.map((m) => withClinic(cipher, m))), total };
  }
  const needle = fold(query);
  const matches: MemberListItem[] = [];
  for await (const rows of scanMembers(db, filter)) {
    for (const member of rows) {
      const item = await withClinic(cipher, member);
      if (item.clinicName && fold(item.clinicName).includes(needle)) matches.push(item);
    }
  }
  return { items: matches.slice(page.offset, page.offset + page.limit), total: matches.length };
}

async function withClinic(cipher: FieldCipher, member: MemberRow): Promise<MemberListItem> {
  const answers = await openRegistration(cipher, member.registration);
  return { member, clinicName: answers?.clinicName ?? "" };
}

/** Full-width/half-width and case differences do not matter when searching. */
function fold(value: string): string {
  return value.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}
