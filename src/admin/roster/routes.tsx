// /admin/roster routes (admin only): import the roster CSV — checked in full first, then replaced in
// one batch together with its audit row — and export the members as CSV (audited).
import { type Context, Hono } from "hono";
import {
  COVERAGE_STATES,
  type CoverageFilter,
  coverageCounts,
  coveragePage,
  linkRegisteredMembers,
} from "../../store/roster-coverage.js";
import { replaceRoster, rosterChange, rosterSummary } from "../../store/roster-import.js";
import { auditStatement, recordAudit } from "../../store/staff-audit.js";
import type { AdminEnv, AdminOptions } from "../deps.js";
import { RosterConfirmPage } from "./confirm-page.js";
import { CoveragePage } from "./coverage-page.js";
import { binaryKind, type CsvRow, CsvSyntaxError, decodeCsv, parseCsv } from "./csv.js";
import { exportMembersCsv, exportNotDoneCsv } from "./export.js";
import { type ImportReport, RosterPage } from "./page.js";
import { checkRoster } from "./validate.js";

const MAX_BYTES = 5 * 1024 * 1024;
const PAGE_SIZE = 100;

function isCoverageFilter(value: string): value is CoverageFilter {
  return value === "notDone" || value === "all" || (COVERAGE_STATES as readonly string[]).includes(value);
}

const NOT_CSV = {
  xlsx: "このファイルはExcelのブック（.xlsx）で、CSVではありません。Excelの「名前を付けて保存」で「CSV UTF-8（コンマ区切り）」を選んで保存し、そのファイルを選んでください。",
  xls: "このファイルは古い形式のExcelのブック（.xls）で、CSVではありません。Excelの「名前を付けて保存」で「CSV UTF-8（コンマ区切り）」を選んで保存し、そのファイルを選んでください。",
  binary:
    "このファイルはCSVではないようです（文字として読めない内容が含まれています）。名簿をExcelで開き、「CSV UTF-8（コンマ区切り）」で保存したファイルを選んでください。",
} as const;

export function rosterRoutes(options: AdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const { deps } = options;

  app.get("/", async (c) =>
    c.html(<RosterPage staff={c.get("staff")} summary={await rosterSummary(deps.db)} />),
  );

  app.post("/import", async (c) => {
    const staff = c.get("staff");
    const body = await c.req.parseBody();
    // The second step: the same file, sent back from the confirmation page, is checked again and
    // replaces the roster.
    const confirmed = body.confirmed === "1" && typeof body.csv === "string";
    const file = body.file;
    if (!confirmed && (!(file instanceof File) || file.size === 0 || file.size > MAX_BYTES)) {
      const flash = { kind: "error", text: "5MBまでのCSVファイルを選んでください。" } as const;
      return c.html(<RosterPage staff={staff} summary={await rosterSummary(deps.db)} flash={flash} />, 400);
    }
    let text: string;
    let encoding: string;
    let fileName: string;
    if (confirmed) {
      text = String(body.csv);
      encoding = body.encoding === "shift_jis" ? "shift_jis" : "utf-8";
      fileName = String(body.fileName ?? "").slice(0, 200);
      if (new TextEncoder().encode(text).length > MAX_BYTES) {
        const flash = { kind: "error", text: "5MBまでのCSVファイルを選んでください。" } as const;
        return c.html(<RosterPage staff={staff} summary={await rosterSummary(deps.db)} flash={flash} />, 400);
      }
    } else {
      const upload = file as File;
      const bytes = new Uint8Array(await upload.arrayBuffer());
      ({ text, encoding } = decodeCsv(bytes));
      fileName = upload.name;
      const binary = binaryKind(bytes, text);
      if (binary) return refuse(NOT_CSV[binary]);
    }
    async function refuse(message: string) {
      await recordAudit(
        deps.db,
        { staffId: staff.staffId, action: "roster.importRejected", detail: { reason: "notCsv" } },
        deps.clock.now(),
      );
      const flash = { kind: "error", text: message } as const;
      return c.html(<RosterPage staff={staff} summary={await rosterSummary(deps.db)} flash={flash} />, 422);
    }
    let rows: CsvRow[];
    try {
      rows = parseCsv(text);
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      return refuse(
        `CSVとして読めませんでした${error.line ? `（${error.line}行目あたりの「"」の閉じ忘れなど）` : ""}。Excelで開き、「CSV UTF-8」で保存し直してください。`,
      );
    }
    const check = checkRoster(rows);
    const now = deps.clock.now();
    const summary = await rosterSummary(deps.db);
    // A roster already in place is replaced only after staff saw what changes and confirmed it.
    if (check.errors.length === 0 && summary.count > 0 && !confirmed) {
      const change = await rosterChange(
        deps.db,
        check.entries.map((e) => e.registrationNumber),
      );
      return c.html(
        <RosterConfirmPage
          staff={staff}
          fileName={fileName}
          encoding={encoding}
          csv={text}
          change={change}
        />,
      );
    }
    const detail = {
      rows: rows.length,
      entries: check.entries.length,
      errors: check.errors.length,
      encoding,
    };
    const audit = auditStatement(deps.db, { staffId: staff.staffId, action: "roster.import", detail }, now);
    if (check.errors.length === 0) {
      await replaceRoster(deps.db, deps.cipher, check.entries, now, [audit]);
      await linkRegisteredMembers(deps.db, deps.cipher, now);
    } else
      await recordAudit(deps.db, { staffId: staff.staffId, action: "roster.importRejected", detail }, now);
    const report: ImportReport = {
      fileName,
      encoding,
      rowsRead: rows.length,
      imported: check.errors.length === 0 ? check.entries.length : 0,
      errors: check.errors,
    };
    const status = check.errors.length === 0 ? 200 : 422;
    return c.html(
      <RosterPage staff={staff} summary={await rosterSummary(deps.db)} report={report} />,
      status,
    );
  });

  app.get("/coverage", async (c) => {
    const state = c.req.query("state") ?? "notDone";
    const filter: CoverageFilter = isCoverageFilter(state) ? state : "notDone";
    const page = Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1);
    const [counts, found] = await Promise.all([
      coverageCounts(deps.db),
      coveragePage(deps.db, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    ]);
    return c.html(
      <CoveragePage
        staff={c.get("staff")}
        counts={counts}
        filter={filter}
        rows={found.rows}
        total={found.total}
        page={page}
        pageSize={PAGE_SIZE}
      />,
    );
  });

  /** An audited CSV download, its file name dated today. */
  const download = async (
    c: Context<AdminEnv>,
    action: "roster.exportNotDone" | "members.export",
    name: string,
    made: { bytes: Uint8Array; rows: number },
  ) => {
    const now = deps.clock.now();
    await recordAudit(deps.db, { staffId: c.get("staff").staffId, action, detail: { rows: made.rows } }, now);
    const stamp = now.toISOString().slice(0, 10).replaceAll("-", "");
    return c.body(made.bytes as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-${stamp}.csv"`,
    });
  };

  app.post("/coverage/export", async (c) =>
    download(c, "roster.exportNotDone", "roster-not-done", await exportNotDoneCsv(deps)),
  );

  app.post("/export", async (c) => download(c, "members.export", "members", await exportMembersCsv(deps)));
  return app;
}
