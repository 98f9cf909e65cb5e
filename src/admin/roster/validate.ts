// Checks every row of an imported roster before anything is written, and says per row what is wrong.
// Columns: 登録記号番号, 施術所名, 氏名 (header row optional; with a header the columns may be in any order).
// Only the registration number is normalized (full-width digits, hyphens); names are kept as typed —
// ①, half-width kana and old letterforms are how the association writes them.
import { formatRegistrationNumber, parseRegistrationNumber } from "../../engine/registration/validate.js";
import type { CsvRow } from "./csv.js";

export interface RosterEntry {
  registrationNumber: string;
  clinicName: string;
  ownerName: string | null;
}

export interface RowError {
  /** 1-based row number as Excel shows it. */
  row: number;
  message: string;
}

export interface RosterCheck {
  entries: RosterEntry[];
  errors: RowError[];
  hasHeader: boolean;
}

const HEADERS = { number: "登録記号番号", clinic: "施術所名", owner: "氏名" } as const;
const MAX_NAME = 100;
export const MAX_ROWS = 20_000;

export function checkRoster(rows: CsvRow[]): RosterCheck {
  const header = rows[0]?.fields.map((h) => h.normalize("NFKC").trim());
  const hasHeader = header?.includes(HEADERS.number) === true || header?.includes(HEADERS.clinic) === true;
  const at = (name: string, fallback: number) => (hasHeader ? (header?.indexOf(name) ?? -1) : fallback);
  const cols = { number: at(HEADERS.number, 0), clinic: at(HEADERS.clinic, 1), owner: at(HEADERS.owner, 2) };
  const errors: RowError[] = [];
  if (cols.number < 0 || cols.clinic < 0) {
    errors.push({
      row: rows[0]?.row ?? 1,
      message: "見出しに「登録記号番号」と「施術所名」の列が必要です。",
    });
    return { entries: [], errors, hasHeader };
  }
  const data = rows.slice(hasHeader ? 1 : 0);
  if (data.length === 0) errors.push({ row: 1, message: "取り込む行がありません。" });
  if (data.length > MAX_ROWS) errors.push({ row: 1, message: `一度に取り込めるのは${MAX_ROWS}行までです。` });
  const entries: RosterEntry[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, fields } of data) {
    const cell = (index: number) => (index >= 0 ? (fields[index] ?? "").trim() : "");
    const problems: string[] = [];
    const number = normalizeNumber(cell(cols.number).normalize("NFKC"), problems);
    const clinicName = cell(cols.clinic);
    const ownerName = cell(cols.owner);
    if (clinicName === "") problems.push("施術所名が空です");
    if ([...clinicName].length > MAX_NAME || [...ownerName].length > MAX_NAME)
      problems.push(`名前は${MAX_NAME}文字までです`);
    if (number) {
      const first = firstRowOf.get(number);
      if (first !== undefined) problems.push(`登録記号番号 ${number} が${first}行目と重複しています`);
      else firstRowOf.set(number, row);
    }
    if (problems.length > 0) errors.push({ row, message: `${problems.join("。")}。` });
    else if (number) entries.push({ registrationNumber: number, clinicName, ownerName: ownerName || null });
  }
  return { entries, errors, hasHeader };
}

/** 「協 110-1234-5-6」「契０１２３４５６７８」… → 協1101234-5-6; null (with a problem noted) when not valid. */
export function normalizeNumber(value: string, problems: string[]): string | null {
  if (value === "") {
    problems.push("登録記号番号が空です");
    return null;
  }
  const parsed = parseRegistrationNumber(value);
  if (!parsed.ok) {
    const why =
      parsed.error === "wrongLength"
        ? `数字が${parsed.count ?? "?"}桁です（9桁のはずです）`
        : "数字以外の文字が含まれています";
    problems.push(`登録記号番号「${value}」の${why}。例：協1101234-5-6`);
    return null;
  }
  if (!parsed.value.kind) {
    problems.push(`登録記号番号「${value}」の先頭に「協」または「契」が必要です`);
    return null;
  }
  return formatRegistrationNumber(parsed.value.kind, parsed.value.digits);
}
