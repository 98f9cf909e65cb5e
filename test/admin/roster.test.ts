import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { decodeCsv, parseCsv, toExcelCsv } from "../../src/admin/roster/csv.js";
import { checkRoster } from "../../src/admin/roster/validate.js";
import { type Harness, type Session, seedMember, seedStaff, signIn, startHarness } from "./harness.js";

const GOOD =
  '登録記号番号,施術所名,氏名\r\n協1101234-5-6,さいたま接骨院,埼玉 太郎\r\n契０１２３４５６７８,"川越整骨院, 本院",川越 花子\r\n';

async function upload(s: Session, bytes: Uint8Array, name = "roster.csv"): Promise<Response> {
  const form = new FormData();
  form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type: "text/csv" }));
  return s.post("/admin/roster/import", form);
}

describe("roster CSV", () => {
  it("decodes UTF-8 with a BOM and Shift_JIS (Excel) alike", () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(GOOD)]);
    expect(decodeCsv(bom)).toEqual({ text: GOOD, encoding: "utf-8" });
    const sjis = decodeCsv(iconv.encode(GOOD, "cp932"));
    expect(sjis).toEqual({ text: GOOD, encoding: "shift_jis" });
  });

  it("parses quotes, commas and line breaks inside fields; blank rows are skipped but keep Excel's numbering", () => {
    expect(parseCsv('a,"b,c","d ""e"""\n\n"f\ng",h\r\n,\r\nlast\r\n')).toEqual([
      { row: 1, fields: ["a", "b,c", 'd "e"'] },
      { row: 3, fields: ["f\ng", "h"] },
      { row: 5, fields: ["last"] },
    ]);
  });

  it("keeps names as typed (①, half-width kana) and normalizes only the number", () => {
    const check = checkRoster(parseCsv("協１１０１２３４ー５ー６,ｻｲﾀﾏ接骨院①,髙橋 ｲﾁﾛｳ\n"));
    expect(check.errors).toEqual([]);
    expect(check.entries).toEqual([
      { registrationNumber: "協1101234-5-6", clinicName: "ｻｲﾀﾏ接骨院①", ownerName: "髙橋 ｲﾁﾛｳ" },
    ]);
  });

  it("normalises numbers to 協1101234-5-6 and reports every wrong row", () => {
    const rows = parseCsv(
      "協１１０１２３４ー５ー６,A院,\n契012345678,B院,\n協12345,C院,\n012345678,D院,\n協1101234-5-6,E院,\n,F院,\n協987654321,,\n",
    );
    const check = checkRoster(rows);
    expect(check.hasHeader).toBe(false);
    expect(check.entries.map((e) => e.registrationNumber)).toEqual(["協1101234-5-6", "契0123456-7-8"]);
    expect(check.errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7]);
    expect(check.errors[0]?.message).toContain("5桁");
    expect(check.errors[1]?.message).toContain("「協」または「契」");
    expect(check.errors[2]?.message).toContain("1行目と重複");
    expect(check.errors[3]?.message).toContain("登録記号番号が空");
    expect(check.errors[4]?.message).toContain("施術所名が空");
  });

  it("writes a CSV Excel opens: BOM, CRLF, quoted, leading zeros kept, formulas defused", () => {
    const bytes = toExcelCsv([
      ["電話", "名前"],
      ["09012345678", '=HYPERLINK("x")'],
    ]);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text).toBe('"電話","名前"\r\n"=""09012345678""","\'=HYPERLINK(""x"")"\r\n');
  });
});

describe("admin roster import", () => {
  let h: Harness;
  let s: Session;
  beforeAll(async () => {
    h = await startHarness();
    await seedStaff(h, "admin", "a-long-password-1");
    s = await signIn(h, "admin", "a-long-password-1");
  });
  afterAll(() => h.close());

  it("imports a Shift_JIS file from Excel", async () => {
    const res = await upload(s, iconv.encode(GOOD, "cp932"));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Shift_JIS");
    expect(html).toContain("2 件を取り込み");
    const rows = await h.db.select().from(schema.roster);
    expect(rows.map((r) => [r.registrationNumber, r.clinicName])).toEqual([
      ["協1101234-5-6", "さいたま接骨院"],
      ["契0123456-7-8", "川越整骨院, 本院"],
    ]);
    expect(rows[0]?.ownerName).toMatch(/^plain:|^v2:/);
  });

  it("leaves the roster unchanged when any row is wrong, and reports the rows", async () => {
    const before = await h.db.select().from(schema.roster);
    const bad = `\uFEFF登録記号番号,施術所名,氏名\r\n協2201234-5-6,新しい院,\r\n協22,壊れた院,\r\n`;
    const res = await upload(s, new TextEncoder().encode(bad));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("名簿は変更していません");
    expect(html).toMatch(/<td>3<\/td><td>登録記号番号「協22」の数字が2桁です/);
    expect(await h.db.select().from(schema.roster)).toEqual(before);
    const actions = (await h.db.select().from(schema.auditLog)).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith("roster."))).toEqual([
      "roster.import",
      "roster.importRejected",
    ]);
  });

  it("reports the row numbers Excel shows, also after blank lines", async () => {
    const csv = "登録記号番号,施術所名,氏名\r\n協4401234-5-6,一の院,\r\n\r\n,\r\n協44,二の院,\r\n";
    const res = await upload(s, new TextEncoder().encode(csv));
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/<td>5<\/td><td>登録記号番号「協44」/);
  });

  it("says a binary file or an Excel workbook is not a CSV, and changes nothing", async () => {
    const before = await h.db.select().from(schema.roster);
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    const binary = await upload(s, png, "photo.csv");
    expect(binary.status).toBe(422);
    const html = await binary.text();
    expect(html).toContain("CSVではないようです");
    expect(html).not.toContain('data-testid="import-report"');
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0]);
    const book = await upload(s, xlsx, "名簿.xlsx");
    expect(await book.text()).toContain("Excelのブック（.xlsx）で、CSVではありません");
    const broken = await upload(s, new TextEncoder().encode('協1101234-5-6,"閉じていない院\n'));
    expect(broken.status).toBe(422);
    expect(await broken.text()).toContain("CSVとして読めませんでした");
    expect(await h.db.select().from(schema.roster)).toEqual(before);
  });

  it("refuses a body over the size limit before reading it", async () => {
    const res = await upload(s, new Uint8Array(7 * 1024 * 1024).fill(0x41));
    expect(res.status).toBe(413);
  });

  it("replaces the whole roster on a good import", async () => {
    const res = await upload(s, new TextEncoder().encode("協3301234-5-6,三郷接骨院\n"));
    expect(res.status).toBe(200);
    // A roster is in place: nothing changes until staff confirm what will change.
    const confirm = await res.text();
    expect(confirm).toContain('data-testid="rows-now">2 件');
    expect(confirm).toContain('data-testid="rows-file">1 件');
    expect(confirm).toContain('data-testid="rows-removed">2 件');
    expect(await h.db.select().from(schema.roster)).toHaveLength(2);
    const form = new FormData();
    form.set("confirmed", "1");
    form.set("fileName", "roster.csv");
    form.set("encoding", "utf-8");
    form.set("csv", /<textarea name="csv" hidden="">([^<]*)<\/textarea>/.exec(confirm)![1]!);
    expect((await s.post("/admin/roster/import", form)).status).toBe(200);
    const rows = await h.db.select().from(schema.roster);
    expect(rows.map((r) => r.registrationNumber)).toEqual(["協3301234-5-6"]);
  });

  it("exports members as an Excel CSV with the decrypted answers, audited", async () => {
    await seedMember(h, {
      step: "applied",
      registration: {
        familyName: "埼玉",
        givenName: "太郎",
        clinicName: "さいたま接骨院",
        phoneNumber: "0486251211",
        agreementKind: "協",
        registrationDigits: "110123456",
      },
    });
    const res = await s.post("/admin/roster/export");
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="members-\d{8}\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split("\r\n")[0]).toContain('"施術所名"');
    expect(text).toContain('"=""0486251211"""');
    expect(text).toContain('"協1101234-5-6"');
    expect(text).toContain('"利用開始申請済み"');
    const actions = (await h.db.select().from(schema.auditLog)).map((a) => a.action);
    expect(actions).toContain("members.export");
  });
});
