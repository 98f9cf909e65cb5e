// The registration normalizers and validators: every messy input a phone produces, by example and
// by property (idempotent, never throwing, full-width and dash variants folded the same way).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatRegistrationNumber,
  looksLikePassword,
  normalizeEmail,
  normalizeName,
  normalizeNumberText,
  normalizePhone,
  parseRegistrationNumber,
  validateEmail,
  validateName,
  validatePhone,
} from "../../src/engine/registration/index.js";

const HYPHENS = ["-", "‐", "‑", "–", "—", "−", "ー", "ｰ", "―", "﹣", "－"];
const SPACES = [" ", "\u3000", "\u00a0", "\t", "\u2009", "\u200b"];
const FULL_WIDTH = (d: string) => String.fromCharCode(d.charCodeAt(0) + 0xfee0);

describe("normalize › examples", () => {
  it.each([
    ["110123456", undefined, "110123456"],
    ["１１０１２３４５６", undefined, "110123456"],
    ["1101234-5-6", undefined, "110123456"],
    ["協1101234-5-6", "協", "110123456"],
    ["【協1101234-5-6】", "協", "110123456"],
    ["「契０１２３４５６－７－８」", "契", "012345678"],
    ["契 0123456 ー 7 ー 8", "契", "012345678"],
    ["　協１１０１２３４‐５‐６　", "協", "110123456"],
    ["協1101234―5―6", "協", "110123456"],
    // Read aloud into voice input: 「の」 between the groups, kanji digits.
    ["協の1107777の1の2", "協", "110777712"],
  ])("reads the registration number %s", (input, kind, digits) => {
    const parsed = parseRegistrationNumber(input);
    expect(parsed).toEqual({ ok: true, value: kind ? { kind, digits } : { digits } });
  });

  it.each([
    ["11012345", "wrongLength", 8],
    ["1101234567", "wrongLength", 10],
    ["11O123456", "notDigits", undefined],
    ["", "empty", undefined],
    ["協", "empty", undefined],
  ])("refuses the registration number %s", (input, error, count) => {
    const parsed = parseRegistrationNumber(input);
    expect(parsed).toMatchObject({ ok: false, error });
    if (count !== undefined) expect(parsed).toMatchObject({ count });
  });

  it("formats the 登録記号番号 like the portal", () => {
    expect(formatRegistrationNumber("協", "110123456")).toBe("協1101234-5-6");
    expect(formatRegistrationNumber("契", "012345678")).toBe("契0123456-7-8");
  });

  it.each([
    ["０４８－６２５－１２１１", "0486251211"],
    ["048-625-1211", "0486251211"],
    ["(048)625-1211", "0486251211"],
    ["+81 48 625 1211", "0486251211"],
    ["+81-90-1234-5678", "09012345678"],
    ["＋８１（０）４８－６２５－１２１１", "0486251211"],
    ["01201234567", "01201234567"],
    ["090ー1234ー5678", "09012345678"],
  ])("reads the phone number %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
    expect(validatePhone(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["048-625-121", "wrongLength"],
    ["048-625-12111-2", "wrongLength"],
    ["486251211", "noLeadingZero"],
    // A length its prefix never has: a landline with 11 digits, a mobile number with 10.
    ["048-123-45678", "landlineLength"],
    ["090-1234-567", "mobileLength"],
    ["048-625-abcd", "notDigits"],
    ["", "empty"],
  ])("refuses the phone number %s", (input, error) => {
    expect(validatePhone(input)).toMatchObject({ ok: false, error });
  });

  it.each([
    ["埼玉", "埼玉"],
    ["  埼玉  ", "埼玉"],
    ["「埼玉」", "埼玉"],
    ["ｻｲﾀﾏ", "サイタマ"],
    ["Ｔａｒｏ", "Taro"],
  ])("accepts the name %s", (input, expected) => {
    expect(validateName(input, 20)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["", "empty"],
    ["　", "empty"],
    ["😀", "emoji"],
    ["😀👍🏻", "emoji"],
    ["🇯🇵", "emoji"],
    ["12345", "digitsOnly"],
    ["１２３", "digitsOnly"],
    ["あ".repeat(21), "tooLong"],
    ["!!!", "noLetters"],
  ])("refuses the name %s", (input, error) => {
    expect(validateName(input, 20)).toMatchObject({ ok: false, error });
  });

  it.each([
    ["saiseitaro@gmail.com", "saiseitaro@gmail.com"],
    [" ｓａｉｓｅｉｔａｒｏ＠ｇｍａｉｌ．ｃｏｍ ", "saiseitaro@gmail.com"],
    ["sai.sei-taro_1@mail.example.co.jp", "sai.sei-taro_1@mail.example.co.jp"],
    ["saiseiーtaro@gmail.com", "saisei-taro@gmail.com"],
    ["mailto:saiseitaro@gmail.com", "saiseitaro@gmail.com"],
    ["「saiseitaro@gmail.com」", "saiseitaro@gmail.com"],
  ])("accepts the mail %s", (input, expected) => {
    expect(validateEmail(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["saiseitaro.gmail.com", "noAt"],
    ["a@b@gmail.com", "noAt"],
    ["sai+taro@gmail.com", "badLocal"],
    ["さいせい@gmail.com", "badLocal"],
    ["@gmail.com", "badLocal"],
    ["saiseitaro@gmail", "badDomain"],
    ["saiseitaro@-gmail.com", "badDomain"],
    ["", "empty"],
  ])("refuses the mail %s", (input, error) => {
    expect(validateEmail(input)).toMatchObject({ ok: false, error });
  });

  it("offers the lower-cased mail when only the case is wrong", () => {
    expect(validateEmail("SaiseiTaro@Gmail.COM")).toEqual({
      ok: false,
      error: "upperCase",
      suggestion: "saiseitaro@gmail.com",
    });
    expect(validateEmail("Sai+Taro@Gmail.com")).toMatchObject({ ok: false, error: "badLocal" });
  });

  it.each([
    ["Abcd1234", true],
    ["Ａｂｃｄ１２３４", true],
    ["Sai01234x", true],
    ["パスワードはSai01234です", true],
    ["パスワード：abcd1234", true],
    ["password = Xy9!", true],
    ["abcd1234", false],
    ["ABCD1234", false],
    ["Abc123", false],
    ["saiseitaro@gmail.com", false],
    ["Saiseitaro@Gmail.com", false],
    ["協1101234-5-6", false],
    ["0486251211", false],
    ["Abcd 1234", false],
    ["パスワードは8文字以上ですか？", false],
    ["パスワード（確認用）は何ですか", false],
    ["パスワードを忘れました", false],
    ["Windows11で使えますか", false],
  ])("looksLikePassword(%s) is %s", (input, expected) => {
    expect(looksLikePassword(input)).toBe(expected);
  });
});

describe("normalize › a number read aloud", () => {
  it("reads kanji digits and 「の」 in a phone number, but not in a text that is not only a number", () => {
    expect(normalizePhone("〇四八の七七七の八八八八")).toBe("0487778888");
    expect(validatePhone("〇四八の七七七の八八八八")).toEqual({ ok: true, value: "0487778888" });
    expect(normalizeNumberText("一の橋接骨院")).toBe("一の橋接骨院");
  });
});

describe("normalize › properties", () => {
  const anyText = fc.string({ unit: "binary", maxLength: 200 });

  it("is idempotent", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        for (const f of [normalizeName, normalizeNumberText, normalizePhone, normalizeEmail])
          expect(f(f(s))).toBe(f(s));
      }),
      { numRuns: 500 },
    );
  });

  /** Writes digits with random full-width digits, dashes and spaces between them. */
  const messy = (digits: string) =>
    fc
      .tuple(
        fc.array(fc.boolean(), { minLength: digits.length, maxLength: digits.length }),
        fc.array(fc.constantFrom("", ...HYPHENS, ...SPACES), {
          minLength: digits.length,
          maxLength: digits.length,
        }),
        fc.constantFrom("", "【", "「", " "),
      )
      .map(([wide, gaps, open]) => {
        const body = [...digits].map((d, i) => (wide[i] ? FULL_WIDTH(d) : d) + gaps[i]).join("");
        const close = { "": "", "【": "】", "「": "」", " ": "\u3000" }[open];
        return `${open}${body}${close}`;
      });

  it("reads any 9 digits however they are written", () => {
    const nine = fc.stringMatching(/^\d{9}$/);
    fc.assert(
      fc.property(
        nine.chain((d) => fc.tuple(fc.constant(d), messy(d), fc.constantFrom("", "協", "契", "協 ", "契　"))),
        ([digits, written, kind]) => {
          const parsed = parseRegistrationNumber(kind + written);
          expect(parsed.ok && parsed.value.digits).toBe(digits);
          if (kind.trim()) expect(parsed.ok && parsed.value.kind).toBe(kind.trim());
        },
      ),
    );
  });

  it("reads any Japanese phone number however it is written", () => {
    // 10 digits (市外局番, 0120), or 11 with the prefixes that have 11 (070/080/090, 050, 0800, 0120).
    const phone = fc.oneof(
      fc.stringMatching(/^0[1-9][1-9]\d{7}$/),
      fc.stringMatching(/^0[2-9]0\d{8}$/),
      fc.stringMatching(/^0(?:800|120)\d{7}$/),
    );
    fc.assert(
      fc.property(
        phone.chain((p) => fc.tuple(fc.constant(p), messy(p))),
        ([digits, written]) => {
          expect(validatePhone(written)).toEqual({ ok: true, value: digits });
        },
      ),
    );
    fc.assert(
      fc.property(phone, (p) => {
        expect(validatePhone(`+81 ${p.slice(1)}`)).toEqual({ ok: true, value: p });
      }),
    );
  });

  const lowerMail = fc
    .tuple(
      fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/),
      fc.array(fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/), { minLength: 1, maxLength: 3 }),
      fc.stringMatching(/^[a-z]{2,6}$/),
    )
    // The portal refuses two dots in a row and a dot next to the @ (see the dots test).
    .filter(([local]) => !/\.\.|\.$/.test(local))
    .map(([local, labels, tld]) => `${local}@${labels.join(".")}.${tld}`);

  it("the lower-casing offer is always a valid mail when case was the only fault", () => {
    fc.assert(
      fc.property(
        lowerMail.filter((m) => /[a-z]/.test(m)),
        fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
        (mail, flips) => {
          expect(validateEmail(mail)).toEqual({ ok: true, value: mail });
          const letters = [...mail].map((c, i) => /[a-z]/.test(c) && i);
          const first = letters.find((i) => i !== false) as number;
          const shouted = [...mail]
            .map((c, i) => (i === first || flips[i % 80] ? c.toUpperCase() : c))
            .join("");
          const offer = validateEmail(shouted);
          expect(offer).toMatchObject({ ok: false, error: "upperCase", suggestion: mail });
          expect(validateEmail(mail).ok).toBe(true);
        },
      ),
    );
  });

  it("validators never throw on arbitrary unicode, up to 6,000 characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 6000 }), (s) => {
        validateName(s, 20);
        validateName(s, 60);
        parseRegistrationNumber(s);
        validatePhone(s);
        validateEmail(s);
        expect(typeof looksLikePassword(s)).toBe("boolean");
      }),
      { numRuns: 200 },
    );
  });

  it("looksLikePassword is true for anything meeting the portal's rule without spaces or @", () => {
    const printable = fc.constantFrom(
      ...Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).filter((c) => c !== "@"),
    );
    const password = fc
      .tuple(
        fc.array(printable, { minLength: 5, maxLength: 97 }),
        fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"),
        fc.constantFrom(..."0123456789"),
        fc.nat(),
      )
      .map(([rest, upper, lower, digit, at]) => {
        const chars = [...rest];
        for (const c of [upper, lower, digit]) chars.splice(at % (chars.length + 1), 0, c);
        return chars.join("");
      });
    fc.assert(
      fc.property(password, (p) => {
        expect(looksLikePassword(p)).toBe(true);
      }),
    );
  });
});
