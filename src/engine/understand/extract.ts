// The value inside an answer typed as a sentence: 「電話は048-625-1211です」, 「メールは x@yahoo.co.jp
// です」, 「番号は協1101234-5-6です」, 「埼玉と申します」. Each returns the part that is the value (still
// to be validated by the portal's rule) and whether anything around it was dropped, so the bot can
// say what it took. Pure; no field is guessed from a text that does not contain one.

export interface Extracted {
  value: string;
  /** The text had more than the value (a sentence, a label, 「（代）」): say what was taken. */
  fromSentence: boolean;
  /** An extension (内線) was found and left out: the portal takes the number only. */
  extension?: string;
  /** A mail address typed with a space inside (「ogawa sekkotsu@gmail.com」): the whole, joined, to confirm. */
  joined?: string;
}

const nfkc = (s: string) => s.normalize("NFKC");
/** Words around the value: the member wrote a sentence, so the bot says what it took from it. */
const LETTER = /\p{L}/u;
const DASHES = /[\u002D\u02D7\u2010-\u2015\u2043\u207B\u208B\u2212\u2796\u30FC\uFE58\uFE63\uFF0D\uFF70]/g;
/** Dashes inside a mail address (not the long-vowel mark of 「メール」). */
const MAIL_DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** Labels members put before a value (「電話は」「TEL:」「メアドは」「姓は」…), dropped. */
const LABEL =
  /^(?:(?:院長|わたし|私|僕|ぼく|父|母|主人|家内|妻|夫|先生|本人)の)?(?:お?電話(?:番号)?|tel|でんわ(?:ばんごう)?|携帯(?:番号)?|fax|メール(?:アドレス)?|メアド|アドレス|e-?mail|mail|番号|登録記号番号|記号番号|下の名前|したのなまえ|お?名前|お?なまえ|氏名|しめい|姓|苗字|名字|みょうじ|名|施術所名?|院名|接骨院名|屋号)\s*(?:は|が|:|：|=|→|を)?\s*/iu;
/** The speaker before a name (「私は高橋といいます」「わたくしが院長の鈴木です」), dropped. */
const SELF =
  /^(?:(?:私|わたし|わたくし|あたし|僕|ぼく|俺|おれ|自分|じぶん|うち)(?:は|が)\s*(?:(?:院長|いんちょう|代表|受付)の)?|(?:院長|いんちょう)の\s*(?=\p{Script=Han}))/u;
/** Endings of a polite answer (「…です」「…と申します」「…でお願いします」), dropped. */
const POLITE_END =
  /\s*(?:です|でございます|と申します|といいます|と言います|になります|でお願いします|でおねがいします|でお願い|でおねがい|をお願いします|お願いします|です。|ですね|ですよ|。|、|!|！)+$/u;
/**
 * Plain endings (「埼玉だよ」「正志で」「健一だった」), dropped only after a character that is not
 * hiragana: 「よしだ」「あかね」「ひで」 are names, not 「よし」+「だ」.
 */
const PLAIN_END =
  /(?<=[^\p{Script=Hiragana}\s])\s*(?:だった|でした|だわ|だよ|だね|だけ|だ|よ|ね|で|にしてください|にして下さい|にしてほしい)$/u;
/** 「さっき送った通り佐藤花子です」「漢字の鈴木にしてください」: what is said before the value, dropped. */
const LEAD =
  /^(?:(?:さっき|先ほど|さきほど|前に|まえに)も?(?:送った|おくった|送りました|言った|いった|言いました|書いた|かいた|書きました|入れた|いれた)(?:通り|とおり|ように|けど|けれど|が)[、,\s]*|(?:漢字|かんじ|ひらがな|平仮名|カタカナ|片仮名|かたかな)の(?=\S))/u;

/** The text without a leading label and a polite ending: 「姓は埼玉です」→「埼玉」. */
/** Voice input's fillers before the answer (「えーとですね、あの、名前は花子です」). */
const FILLERS =
  /^(?:えーと|ええと|えっと|えと|あのー|あのう|あの|えー|うーん|その|はい|ええ)(?:ですね|ね)?(?:[、,。\s]+|(?=[\p{Script=Han}\p{Script=Katakana}]))/u;

/** 「正しいの正に夫と書いて正夫」: the value after 「と書いて」 is the one meant. */
const WRITTEN_AS = /と(?:書いて|かいて|書きます|かきます)\s*(?:、|,)?\s*([^\s、,。]+?)[。.!！]*$/u;
/**
 * 「田中です田んぼの田に中学の中」「田中接骨院ですひらがなではなく漢字です」: the value, then 「です」,
 * then how it is written. The part before the first 「です」 is the value.
 */
const VALUE_THEN_SPELLING =
  /^(.+?)(?:です|でございます)[、,。\s]*(?=\S)(?!(?:です|。|!|！|よ|ね)*$)(?=.*(?:の\p{Script=Han}(?:[にと、,。\s]|$)|漢字|かんじ|ひらがな|カタカナ|かたかな|書|字))/u;

const withoutFillers = (raw: string) => {
  let s = raw.trim();
  for (let i = 0; i < 3; i++) s = s.replace(FILLERS, "");
  return s;
};

/** The value of a name spelled out after it (see WRITTEN_AS, VALUE_THEN_SPELLING), or null. */
export function spelledOut(raw: string): string | null {
  const s = withoutFillers(raw);
  return WRITTEN_AS.exec(s)?.[1] ?? VALUE_THEN_SPELLING.exec(s)?.[1] ?? null;
}

export function stripAnswerFrame(raw: string): string {
  const bare = withoutFillers(raw);
  let s = spelledOut(bare) ?? bare;
  for (let i = 0; i < 3; i++) {
    const next = s
      .replace(LEAD, "")
      .replace(SELF, "")
      .replace(LABEL, "")
      .replace(POLITE_END, "")
      .replace(PLAIN_END, "")
      .trim();
    if (next === s) break;
    s = next;
  }
  return s;
}

/**
 * The last sentence, when the ones before it only talk about the answer (「院長の名前でいいですね。鈴木」
 * 「受付の者ですが、院長の名前を入れます。山田です」): the member asked or said something, then answered.
 */
export function lastSentence(raw: string): string | null {
  const parts = raw
    .normalize("NFKC")
    .split(/[。!?！？\n]+/u)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return parts.length >= 2 ? parts.at(-1)! : null;
}

/** A phone number inside a text: digits with dashes, spaces or brackets, 「（代）」 and 「内線12」 left out. */
export function extractPhone(raw: string): Extracted | null {
  const t = nfkc(raw).replace(DASHES, "-");
  const extension = /(?:内線|ext\.?|x)\s*(\d{1,6})/iu.exec(t)?.[1];
  const withoutExtension = t.replace(/(?:内線|ext\.?|x)\s*\d{1,6}/giu, " ");
  const match = /(?:\+81[\s-]?)?\(?0?\d[\d\s\-()]{7,16}\d/u.exec(withoutExtension);
  if (!match) return null;
  const value = match[0].trim();
  const rest = withoutExtension.replace(match[0], "");
  const fromSentence = LETTER.test(rest) || extension !== undefined;
  return extension ? { value, fromSentence, extension } : { value, fromSentence };
}

/** 「アットマーク」「どっと」 read aloud as 「@」「.」 (full-width folded, dashes unified). */
export const spokenSymbols = (raw: string): string =>
  nfkc(raw)
    .replace(MAIL_DASHES, "-")
    .replace(/\s*(?:アットマーク|あっとまーく|アット|あっと)\s*/gu, "@")
    .replace(/\s*(?:ドット|どっと)\s*/gu, ".");

/** A mail address inside a text (「メールは x@yahoo.co.jp です」); full-width letters and ＠ folded. */
export function extractEmail(raw: string): Extracted | null {
  // 「suzuki アットマーク gmail ドット com」 as read aloud or typed by someone who cannot find the @.
  const t = spokenSymbols(raw);
  const match = /[A-Za-z0-9._+-]+\s*@\s*[A-Za-z0-9.-]+/u.exec(t);
  if (!match) return null;
  const value = match[0].replace(/\s+/g, "").replace(/\.+$/, "");
  const rest = t.replace(match[0], "");
  // Latin letters right before it, a space between (「ogawa sekkotsu@gmail.com」): the address has a space
  // inside, not a sentence around it; the part before must not be dropped in silence.
  const before = /(?:^|[^A-Za-z0-9._+-])([A-Za-z0-9._+-]+)\s+$/u.exec(t.slice(0, match.index))?.[1];
  if (before && !MAIL_LABEL.test(before)) return { value, fromSentence: true, joined: `${before}${value}` };
  return { value, fromSentence: LETTER.test(rest) };
}

/** A label written before an address (「mail ogawa@…」), not the start of it. */
const MAIL_LABEL = /^(?:e-?mail|mail|mailto|address|adress|addr|to|pc|mobile)$/iu;

/** A registration number inside a text: 「協1101234-5-6」, 「番号は 110123456 です」. */
export function extractRegistrationNumber(raw: string): Extracted | null {
  // 「きょう1101234-5-6」「契の0123456-7-8」: the kind read or typed in kana, a 「の」 after it.
  const t = nfkc(raw)
    .replace(DASHES, "-")
    .replace(/(?:きょう|キョウ)(?=\s*\d)/u, "協")
    // 「今日 1101234-5-6」: voice input hears 協 as 今日 (only before a whole registration number).
    .replace(/^(?:今日|共|強)(?=\s*\d{7}\s*-\s*\d\s*-\s*\d(?!\d))/u, "協")
    .replace(/(?:けい|ケイ)(?=\s*\d)/u, "契")
    .replace(/(協|契)\s*の\s*(?=\d)/u, "$1");
  // 「第12345号っていうのと、協 4101234-5-7 っていうのがあります」: the number after 協/契 first.
  const match =
    /(協|契)\s*[:：]?\s*\d[\d\s-]*\d/u.exec(t) ??
    /(協|契)?\s*[:：]?\s*\d[\d\s-]*\d/u.exec(t) ??
    /(協|契)?\s*\d/u.exec(t);
  if (!match) return null;
  const value = match[0].replace(/\s+/g, "");
  const rest = t.replace(match[0], "");
  return { value, fromSentence: LETTER.test(rest) };
}

/** 「名前は渡辺正男ですよろしくお願いします」: the courtesy after an answer is not part of it. */
const COURTESY_TAIL =
  /[、。,.\s]*(?:どうぞ)?(?:よろしく(?:お願い|おねがい)?(?:します|いたします|致します|申し上げます)?|(?:お願い|おねがい)(?:します|いたします|致します))[。．.!！\s]*$/u;

export const withoutCourtesyTail = (raw: string): string => raw.replace(COURTESY_TAIL, "");
