// CSV as Excel writes and reads it: bytes in Shift_JIS (Excel's 「CSV」) or UTF-8 with a BOM
// (「CSV UTF-8」) auto-detected; RFC 4180 quoting; and an export Excel opens without mojibake.
// Shift_JIS is decoded by the platform's TextDecoder: the WHATWG "shift_jis" decoder is Windows-31J
// (Excel's code page, with ① and the NEC/IBM extensions) on Node (full ICU) and on workerd alike,
// so no encoding tables end up in the Worker bundle. Parsing is csv-parse's synchronous API (plain
// JavaScript: Node and workerd with nodejs_compat).
import { parse } from "csv-parse/sync";

export type CsvEncoding = "utf-8" | "shift_jis";

/** UTF-8 when it has a BOM or decodes cleanly, otherwise Windows-31J (Excel's Shift_JIS). */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  try {
    return {
      text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes),
      encoding: "utf-8",
    };
  } catch {
    return { text: new TextDecoder("shift_jis").decode(bytes), encoding: "shift_jis" };
  }
}

/** One record of the file with the row number Excel shows for it (blank rows count, as in Excel). */
export interface CsvRow {
  row: number;
  fields: string[];
}

/**
 * Records of the file by csv-parse (RFC 4180: quoted fields may hold commas, "" and line breaks; a
 * quoted line break stays inside its row as in Excel). Blank rows are dropped but keep their number,
 * so a report's row numbers are the ones staff see in Excel. Throws CsvSyntaxError on broken quoting.
 */
export function parseCsv(text: string): CsvRow[] {
  let records: string[][];
  try {
    records = parse(text, {
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      // Files edited in several programs mix line endings; each one ends a row.
      record_delimiter: ["\r\n", "\n", "\r"],
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new CsvSyntaxError(typeof line === "number" ? line : null);
  }
  return records
    .map((fields, i) => ({ row: i + 1, fields }))
    .filter((r) => r.fields.some((f) => f.trim() !== ""));
}

export class CsvSyntaxError extends Error {
  constructor(readonly line: number | null) {
    super("malformed CSV");
    this.name = "CsvSyntaxError";
  }
}

/**
 * Whether the bytes are a spreadsheet or some other binary file rather than text: a ZIP (.xlsx), an
 * old .xls (OLE2), or NUL and other control bytes a CSV never has.
 */
export function binaryKind(bytes: Uint8Array, text: string): "xlsx" | "xls" | "binary" | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "xlsx";
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return "xls";
  const sample = text.slice(0, 64 * 1024);
  let odd = 0;
  for (const ch of sample) {
    const code = ch.codePointAt(0)!;
    if (code === 0) return "binary";
    if ((code < 0x20 && ch !== "\t" && ch !== "\n" && ch !== "\r") || code === 0xfffd || code === 0x7f) odd++;
  }
  return odd > Math.max(2, sample.length / 100) ? "binary" : null;
}

/**
 * UTF-8 with a BOM, CRLF, every field quoted. Digits with a leading zero are written as ="090…" so
 * Excel keeps the zero; text starting with = + - @ gets a leading ' so Excel never runs it.
 */
export function toExcelCsv(rows: string[][]): Uint8Array {
  const body = rows.map((r) => r.map(excelField).join(",")).join("\r\n");
  const encoded = new TextEncoder().encode(`${body}\r\n`);
  const out = new Uint8Array(encoded.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(encoded, 3);
  return out;
}

function excelField(value: string): string {
  let v = value;
  if (/^0\d+$/.test(v)) v = `="${v}"`;
  else if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return `"${v.replaceAll('"', '""')}"`;
}
