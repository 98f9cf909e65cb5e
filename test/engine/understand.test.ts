// The interpreter and the extractors as plain functions: what a member's text is, and the value inside it.
import { describe, expect, it } from "vitest";
import { registrationCopy as C } from "../../flows/registration.js";
import { understanding } from "../../flows/understanding.js";
import { mailDomainSuggestion } from "../../src/engine/registration/mail-domains.js";
import { validateEmail } from "../../src/engine/registration/validate.js";
import {
  extractEmail,
  extractPhone,
  extractRegistrationNumber,
  stripAnswerFrame,
} from "../../src/engine/understand/extract.js";
import { createInterpreter } from "../../src/engine/understand/interpret.js";
import { normalizeCommand } from "../../src/engine/understand/normalize.js";
import { romajiAsKana } from "../../src/engine/understand/romaji.js";

const read = createInterpreter(understanding);

describe("social turns", () => {
  it.each([
    ["こんにちは", "greeting"],
    ["こんにちわ", "greeting"],
    ["お世話になっております。", "greeting"],
    ["よろしくお願いします🙇", "greeting"],
    ["ありがとうございました！", "thanks"],
    ["了解です、ありがとうございます", "thanks"],
    ["すいません", "apology"],
    ["わかりました", "acknowledge"],
    ["はい", "yes"],
    ["いいえ", "no"],
    ["よくわからない", "dontKnow"],
    ["たすけて", "help"],
    ["？", "help"],
    ["あとで", "later"],
    ["ちょっと電話がきたので後で", "later"],
    ["患者さん来たのでまた後で", "later"],
    ["ちょっと待って", "wait"],
    ["おやすみなさい", "goodbye"],
    ["よろしくお願いいたします。", "greeting"],
    ["夜分にすみません", "apology"],
    // Blind writers w21–w22 (dev set): an emoji sequence with a joiner, chatty greetings, thanks to the bot.
    ["もういい疲れた😮‍💨", "frustrated"],
    ["すまん、打ち間違えた", "apology"],
    ["おはようございます　今日も寒いですね", "greeting"],
    ["ボットさん　いつもご苦労さま", "thanks"],
    // Blind writers w13–w16 (dev set): a face after a greeting, Kansai thanks, someone else taking over.
    ["よろしくお願いしますｍ（＿＿）ｍ", "greeting"],
    ["おおきに、また聞くわ", "thanks"],
    ["すみません間違えて送りました。今のは無しで", "apology"],
    ["今日はここまでにしてまた明日やります", "later"],
    ["父にかわります", "wait"],
    ["うーん　むずかしいな。もう一回ゆっくり言って", "dontKnow"],
    ["あのー ちょっとききたいんだけど", "askToAsk"],
    ["ちょっと聞きたいことがあるんですが", "askToAsk"],
    ["すみません質問です", "askToAsk"],
    ["いつもおせわになってます", "greeting"],
    ["いろいろとありがとうございました本当に助かりましたまた何かあったらよろしくお願いします", "thanks"],
    ["ごめんなさいね年寄りで何回も聞いて", "apology"],
    ["また夜に続きやります", "later"],
    // Written by members the bot had not seen (the blind writers w9–w12).
    ["こんちは", "greeting"],
    ["寒すぎ🥶", "greeting"],
    ["急に寒くなりましたね", "greeting"],
    ["おつです", "greeting"],
    ["こんばんは、遅くにすみません。", "apology"],
    ["すみません、間違えて送ってしまいました。", "apology"],
    ["ごめんなさい 孫が押した", "apology"],
    ["ありがとね たすかったばい🙏", "thanks"],
    ["また明日やるわ、おやすみ", "later"],
    ["失礼しました。院長に確認してからまた連絡します", "later"],
    // Play-tested (play16) and the long-message writer (w10).
    ["いやー最近寒くなってきたね笑", "greeting"],
    ["ありがとね、助かるよ", "thanks"],
    ["今日は冷えますね。先生方も風邪などひかれませんように。", "greeting"],
    ["すみません間違えて送ってしまいました気にしないでください", "apology"],
    ["はじめまして。埼玉で接骨院をしております田中と申します。よろしくお願いいたします。", "greeting"],
    ["ありがとうございました、助かりました。また分からなくなったら聞きます。", "thanks"],
    ["ありがとうございましたまた分からないことがあったら聞きます", "thanks"],
    ["了解、また来週やる👋", "later"],
    ["ところであなたは人間？AI？", "whoAreYou"],
    // Play-tested: anger and bows are not a nod (👍 still is).
    ["😡", "frustrated"],
    ["😠😠", "frustrated"],
    ["もういいです", "frustrated"],
    ["使えない", "frustrated"],
    ["このLINE使えない", "frustrated"],
    ["この説明じゃ話にならない", "frustrated"],
    ["ありがとう、もういいです", "thanks"],
    ["🙇‍♂️", "bow"],
    ["🙇🏻‍♀️", "bow"],
    ["🙏", "bow"],
    ["m(_ _)m", "bow"],
    ["ぺこり", "bow"],
    ["👍", "acknowledge"],
    ["！", "acknowledge"],
  ])("「%s」 is %s", (typed, kind) => {
    expect(read.social(typed)).toBe(kind);
  });

  it.each([
    "補助金はいくらですか",
    "登録後でもいいですか",
    "こんにちは。補助金について教えてください",
    "埼玉太郎",
    "さいたま接骨院",
    "048-625-1211",
    "後藤接骨院",
    // 「止まって」「こまって」 hold 「まって」; they are not 「待って」.
    "今、利用開始申請のところで止まってます",
    "登録がこまってます",
    // A request, a correction, a question without 「？」: not small talk although they hold its words.
    "入力する内容をまとめてコピーできるようにしてもらえると助かるんですが",
    "電話番号を間違えて送りました。直したいです。",
    "保険証忘れた患者さんから後でお金返してって言われたらどうしてる",
    // 「使えない」 in a question or a trouble told is not anger.
    "紙の保険証ってもう使えないんですか",
    "iPadにUSBの読み取り機さしても使えない？",
    "カードリーダーが使えない",
  ])("「%s」 is not small talk", (typed) => {
    expect(read.social(typed)).toBeNull();
  });

  it("knows when a social word only wraps the sentence (the engine then asks the FAQ about it)", () => {
    expect(read.onlyAround("ありがとう、補助金の上限は")).toBe(true);
    expect(read.onlyAround("ちょっと電話がきたので後で")).toBe(true);
    expect(read.onlyAround("ありがとう")).toBe(false);
    expect(read.onlyAround("了解です、ありがとうございます")).toBe(false);
    expect(read.onlyAround("補助金の上限は")).toBe(false);
  });

  it("drops social openers before a question", () => {
    expect(read.withoutOpeners("こんにちは。補助金はいくらですか")).toBe("補助金はいくらですか");
    expect(read.withoutOpeners("すみません、登録の流れを教えてください")).toBe("登録の流れを教えてください");
    expect(read.withoutOpeners("補助金はいくら")).toBe("補助金はいくら");
  });
});

describe("questions", () => {
  it.each([
    ["補助金ってまだ申し込めるんですか？", "strong"],
    ["日曜日でも電話できますか", "strong"],
    ["番号がわからない", "strong"],
    ["めーるのりんくはいつまでゆうこう", "weak"],
    ["いつき接骨院", "weak"],
    ["埼玉", null],
  ])("「%s」 → %s", (typed, strength) => {
    expect(read.question(typed)).toBe(strength);
  });
});

describe("Japanese typed in romaji (a PC with the IME off)", () => {
  it.each([
    ["hojokin no shinsei wa mada dekimasu ka", "ほじょきん の しんせい は まだ できます か"],
    ["onrain shikaku kakunin tte nan desu ka?", "おんらいん しかく かくにん って なん です か?"],
    ["kan'i shinsei wo shitai", "かんい しんせい を したい"],
    ["kitte to matcha desu", "きって と まっちゃ です"],
    // Words that spell no kana stay; so do the pieces of a mail address.
    ["ipad de dekimasu ka", "ipad で できます か"],
    ["meeru wa taro@gmail.com desu", "めえる は taro@gmail.com です"],
  ])("「%s」 is read as 「%s」", (typed, kana) => {
    expect(romajiAsKana(typed)).toBe(kana);
  });

  it.each([["my iPad is broken"], ["tanaka taro"], ["gmail.com"], ["補助金 mada"]])(
    "「%s」 is not Japanese in romaji, so it stays as typed",
    (typed) => {
      expect(romajiAsKana(typed)).toBe(typed);
    },
  );

  it("romaji thanks and questions are read as such", () => {
    expect(read.social("arigatou gozaimasu")).toBe("thanks");
    expect(read.question("hojokin wa mada desu ka")).toBe("strong");
  });
});

describe("the one command normalizer", () => {
  it("folds width, case, punctuation, emoji and polite tails on both sides", () => {
    expect(normalizeCommand("メニューをお願いします")).toBe(normalizeCommand("メニュー"));
    expect(normalizeCommand("ｔｏｕｒｏｋｕ！")).toBe("touroku");
    expect(normalizeCommand("登録したいです😊")).toBe(normalizeCommand("登録したい"));
    expect(normalizeCommand("  やめる。 ")).toBe(normalizeCommand("やめる"));
    expect(normalizeCommand("了解☺️😮‍💨")).toBe("了解");
  });
});

describe("answer frames", () => {
  it.each([
    ["よしだ", "よしだ"],
    ["やまだ", "やまだ"],
    ["あかね", "あかね"],
    ["ひで", "ひで"],
    ["埼玉だよ", "埼玉"],
    ["正志で", "正志"],
    ["正志だった", "正志"],
    ["正志でお願い", "正志"],
    ["姓は埼玉です", "埼玉"],
  ])("「%s」 is 「%s」 (a kana name keeps its last kana)", (typed, value) => {
    expect(stripAnswerFrame(typed)).toBe(value);
  });
});

describe("values inside sentences", () => {
  it.each([
    ["電話は048-625-1211です", "048-625-1211", true],
    ["048-625-1211（代）", "048-625-1211", true],
    ["０４８－６２５－１２１１", "048-625-1211", false],
  ])("phone in 「%s」", (typed, value, fromSentence) => {
    expect(extractPhone(typed)).toMatchObject({ value, fromSentence });
  });

  it("leaves the extension out and says so", () => {
    expect(extractPhone("048-625-1211 内線12")).toEqual({
      value: "048-625-1211",
      fromSentence: true,
      extension: "12",
    });
  });

  it("finds a mail address, full-width included", () => {
    expect(extractEmail("メールは x@yahoo.co.jp です")).toEqual({
      value: "x@yahoo.co.jp",
      fromSentence: true,
    });
    expect(extractEmail("ｓａｉｔａｍａ＠ｇｍａｉｌ．ｃｏｍ")?.value).toBe("saitama@gmail.com");
    expect(extractEmail("メールはまだです")).toBeNull();
  });

  it("finds a registration number", () => {
    expect(extractRegistrationNumber("番号は協1101234-5-6です")?.value).toBe("協1101234-5-6");
    expect(extractRegistrationNumber("【契0123456-7-8】")?.value).toBe("契0123456-7-8");
    expect(extractRegistrationNumber("協")).toBeNull();
  });

  it("drops a label and a polite ending around a name", () => {
    expect(stripAnswerFrame("姓は埼玉です")).toBe("埼玉");
    expect(stripAnswerFrame("埼玉と申します")).toBe("埼玉");
    expect(stripAnswerFrame("さいたま接骨院（本院）です")).toBe("さいたま接骨院（本院）");
  });
});

describe("mail addresses", () => {
  const domains = C.reading.mailDomains;
  it.each([
    ["a@gmial.com", "a@gmail.com"],
    ["a@gmail.con", "a@gmail.com"],
    ["a@gmai.com", "a@gmail.com"],
    ["a@yahoo.co.pj", "a@yahoo.co.jp"],
    ["a@ezweb.ne.pj", "a@ezweb.ne.jp"],
    ["a@softbank.ne.jo", "a@softbank.ne.jp"],
    ["a@outlook.cm", "a@outlook.com"],
    ["a@hotmai.co.jp", "a@hotmail.co.jp"],
    ["a@nifty.con", "a@nifty.com"],
  ])("%s → %s", (typed, suggested) => {
    expect(mailDomainSuggestion(typed, domains)).toBe(suggested);
  });

  it.each(["a@gmail.com", "a@example.jp", "a@saitama-sekkotsu.or.jp", "a@i.softbank.jp"])(
    "%s is left alone",
    (typed) => {
      expect(mailDomainSuggestion(typed, domains)).toBeNull();
    },
  );

  it.each(["a..b@gmail.com", "a.@gmail.com", ".a@gmail.com", "a@gmail..com", "a@.gmail.com"])(
    "%s is refused for its dots, as the portal does",
    (typed) => {
      expect(validateEmail(typed)).toEqual({ ok: false, error: "dots" });
    },
  );
});

describe("words around social words", () => {
  it.each(["いろいろ", "本当に"])("「%s」 alone is not a social turn", (typed) => {
    expect(read.social(typed)).toBeNull();
  });
});

describe("kanji numerals", () => {
  it("before a counter they are digits; other kanji with 一 or 二 are left alone", async () => {
    const { countedKanjiNumbers, kanjiNumbers } = await import("../../src/engine/understand/numbers.js");
    expect(countedKanjiNumbers("十二月になると")).toBe("12月になると");
    expect(countedKanjiNumbers("リンクは二十四時間")).toBe("リンクは24時間");
    expect(countedKanjiNumbers("一緒に一番")).toBe("一緒に一番");
    expect(kanjiNumbers("七十一")).toBe("71");
    expect(kanjiNumbers("〇四八")).toBe("048");
  });
});

describe("mail addresses read aloud in kana", () => {
  it.each([
    ["やまだ@じーめーる.こむ", "yamada@gmail.com"],
    ["さいとう.たろう@やふー.こー.じぇーぴー", "saitou.tarou@yahoo.co.jp"],
    ["ogawa@どこも.ねー.じぇーぴー", "ogawa@docomo.ne.jp"],
  ])("「%s」 spells %s", async (spoken, address) => {
    const { spokenAddress } = await import("../../src/engine/understand/romaji.js");
    expect(spokenAddress(spoken)).toBe(address);
  });
});
