// A pasted block of fields read line by line, by the same rules as fields typed one by one.
import { describe, expect, it } from "vitest";
import { readBlock } from "../../src/engine/registration/block.js";

describe("pasted blocks", () => {
  it("reads labelled lines, full-width digits and 「（代）」; the name with 名前 as its label", () => {
    const read = readBlock(
      "名前：小川 正夫\n所属：柔道整復\n協 ４１０１２３４５６\n施術所名：【小川接骨院】\nTEL 048-625-1211（代）\nmail ogawa@example.jp",
    );
    expect(read?.answers).toEqual({
      familyName: "小川",
      givenName: "正夫",
      affiliation: "施術所（柔道整復）",
      agreementKind: "協",
      registrationDigits: "410123456",
      clinicName: "【小川接骨院】",
      phoneNumber: "0486251211",
      email: "ogawa@example.jp",
    });
  });

  it("separate 姓 and 名 lines, 「 / 」 between fields; an invalid value is left out", () => {
    const read = readBlock("姓：小川 / 名：正夫 / 電話 0486251211 / mail ogawa@@gmail");
    expect(read?.answers).toEqual({ familyName: "小川", givenName: "正夫", phoneNumber: "0486251211" });
  });

  it("a question in three lines, or two fields only, is not a block", () => {
    expect(readBlock("すみません\n登録のことで\n質問があります")).toBeNull();
    expect(readBlock("小川です\n電話は0486251211")).toBeNull();
  });
});
