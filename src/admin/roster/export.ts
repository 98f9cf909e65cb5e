// The members as a CSV Excel opens correctly (UTF-8 with BOM, CRLF, quoted), decrypted for an admin
// who asked for it; the download itself is audited by the route.

import { scanCoverage } from "../../store/roster-coverage.js";
import { scanMembers } from "../../store/staff-members.js";
import type { AdminDeps } from "../deps.js";
import { formatJst, memberStateLabel, stepLabel } from "../format.js";
import { openRegistration, registrationNumberOf } from "../members/mask.js";
import { COVERAGE_LABELS } from "./coverage-line.js";
import { toExcelCsv } from "./csv.js";

const HEADER = [
  "ユーザーID",
  "状態",
  "進捗",
  "所属機関",
  "施術所名",
  "登録記号番号",
  "姓",
  "名",
  "電話番号",
  "メールアドレス",
  "友だち追加日時",
  "最終利用日時",
];

export async function exportMembersCsv(deps: AdminDeps): Promise<{ bytes: Uint8Array; rows: number }> {
  const rows: string[][] = [HEADER];
  for await (const members of scanMembers(deps.db, {})) {
    for (const m of members) {
      const a = (await openRegistration(deps.cipher, m.registration)) ?? {};
      rows.push([
        m.userId,
        m.status === "active" ? "有効" : "ブロック・退会",
        memberStateLabel(m),
        m.affiliation ?? "",
        a.clinicName ?? "",
        registrationNumberOf(a),
        a.familyName ?? "",
        a.givenName ?? "",
        a.phoneNumber ?? "",
        a.email ?? "",
        formatJst(m.followedAt ?? m.createdAt),
        m.lastSeenAt ? formatJst(m.lastSeenAt) : "",
      ]);
    }
  }
  return { bytes: toExcelCsv(rows), rows: rows.length - 1 };
}

const NOT_DONE_HEADER = ["登録記号番号", "施術所名", "氏名", "状態", "進み具合"];

/** The roster rows not yet 導入完了 (LINE未登録・未着手・途中), for phone or mail follow-up. */
export async function exportNotDoneCsv(deps: AdminDeps): Promise<{ bytes: Uint8Array; rows: number }> {
  const rows: string[][] = [NOT_DONE_HEADER];
  for await (const page of scanCoverage(deps.db, "notDone")) {
    for (const r of page) {
      const owner = r.ownerName ? await deps.cipher.open(r.ownerName).catch(() => "") : "";
      rows.push([
        r.registrationNumber,
        r.clinicName,
        owner,
        COVERAGE_LABELS[r.state],
        r.state === "inProgress" ? stepLabel(r.journeyStep) : "",
      ]);
    }
  }
  return { bytes: toExcelCsv(rows), rows: rows.length - 1 };
}
