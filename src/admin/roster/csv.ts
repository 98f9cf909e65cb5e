// CSV as Excel writes and reads it: bytes in Shift_JIS (Excel's 「CSV」) or UTF-8 with a BOM
// (「CSV UTF-8」) auto-detected; RFC 4180 quoting; and an export Excel opens without mojibake.
// Shift_JIS is decoded by the platform's TextDecoder: the WHATWG "shift_jis" decoder is Windows-31J
// (Excel's code page, with ① and the NEC/IBM extensions) on Node (full ICU) and on workerd alike,
// so no encoding tables end up in the Worker bundle.

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

/** Rows of fields; quoted fields may hold commas, quotes ("") and line breaks. Blank lines are dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endRow = () => {
    row.push(field);
    if (row.some((f) => f.trim() !== "")) rows.push(row);
    row = [];
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      endRow();
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else field += ch;
  }
  if (field !== "" || row.length > 0) endRow();
  return rows;
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
