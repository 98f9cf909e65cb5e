// Removes what could identify a member from free text before it is kept for staff statistics
// (unanswered questions, themselves sealed at rest) or sent to the optional LLM: the member's own
// stored values (name, clinic…, in kanji, katakana or hiragana), the ways people introduce themselves
// (「鈴木花子です。」「鈴木と申します」「名前は鈴木」「〇〇接骨院の鈴木です」), names with an honorific
// (「鈴木さん」「鈴木先生」), clinic names, mail addresses, numbers of four digits or more, long Latin
// tokens. It errs towards removing: a lost word costs a statistic, a kept name costs a person.
const MAX_KEPT = 200;
const MASK = "＊";

/** Kanji (with 々 and ヶ), katakana and hiragana runs that can be a name. */
const HAN = "\\p{Script=Han}々〆ヶ";
const KANA = "\\p{Script=Katakana}\\p{Script=Hiragana}ー";
/** Where a sentence (and so a self-introduction) can start. */
const START = "(^|[。．.！!？?\\n、,\\s]|(?:私|わたし|僕|ぼく|わたくし|自分|こちら)は|の)";

/** Kanji words that end a sentence with です and are not names. */
const NOT_NAMES = new Set(
  (
    "大丈夫 了解 承知 不明 心配 不安 質問 登録 以上 同様 未定 必要 不要 無理 可能 不可能 本当 結構 問題 " +
    "完了 未完了 初心者 初めて 申請 確認 予定 希望 急ぎ 至急 困難 面倒 簡単 同じ 不具合 失敗 成功 " +
    "担当 担当者 事務局 会員 院長 先生 本人 代理 家族 事務 受付 以下 相談 連絡 返信 電話 郵送 " +
    // People by role, not by name (「患者さん」「業者さん」), kept so the question still reads.
    "患者 業者 利用者 職員 従業員 同業者 税理士 大家 家内 主人 旦那 奥 娘 息子 皆"
  ).split(" "),
);

const CLINIC = new RegExp(
  `[${HAN}${KANA}A-Za-z0-9・&＆]{1,15}(接骨院|整骨院|ほねつぎ院|ほねつぎ|治療院|鍼灸院|鍼灸整骨院|整体院|クリニック|療術院)`,
  "gu",
);
const INTRODUCED = new RegExp(
  `([${HAN}${KANA}]{1,12})(と申します|と申す者|といいます|と言います|と云います)`,
  "gu",
);
const NAMED = new RegExp(
  `(名前|氏名|名字|苗字)(は|が|：|:)\\s*([${HAN}]{1,8}|[\\p{Script=Katakana}ー]{2,12})`,
  "gu",
);
const HONORIFIC = new RegExp(
  `([${HAN}]{1,5}|[\\p{Script=Katakana}ー]{2,10})(さん|さま|様|先生|院長|殿|氏)`,
  "gu",
);
const SELF = new RegExp(
  `${START}([${HAN}]{1,8}|[\\p{Script=Katakana}ー]{2,12}|[\\p{Script=Hiragana}]{2,8})(\\s?)(です|でございます)(?=$|[。．.！!、,\\s]|が|けど|ので|。)`,
  "gu",
);

export function scrubPersonal(input: string, known: Array<string | undefined> = []): string {
  let text = input.normalize("NFKC");
  // What the member told us in the form (name, clinic…) is removed wherever it appears, in any kana.
  for (const value of known) {
    const v = value?.normalize("NFKC").trim();
    if (!v || v.length < 2) continue;
    for (const form of new Set([v, toHiragana(v), toKatakana(v), v.replace(/\s+/g, "")]))
      if (form.length >= 2) text = text.split(form).join(MASK);
  }
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, MASK)
    .replace(/\d[\d\s-]{3,}/g, MASK)
    .replace(/[A-Za-z0-9]{8,}/g, MASK)
    .replace(CLINIC, (_m, kind: string) => `${MASK}${kind}`)
    .replace(INTRODUCED, (_m, _name, tail: string) => `${MASK}${tail}`)
    .replace(NAMED, (_m, label: string, particle: string) => `${label}${particle}${MASK}`)
    .replace(HONORIFIC, (m, name: string, title: string) => (NOT_NAMES.has(name) ? m : `${MASK}${title}`))
    .replace(SELF, (m, start: string, name: string, space: string, copula: string) =>
      NOT_NAMES.has(name) || name === MASK ? m : `${start}${MASK}${space}${copula}`,
    )
    .replace(/＊+/g, MASK)
    .slice(0, MAX_KEPT);
}

function toHiragana(s: string): string {
  return s.replace(/[\u30A1-\u30F6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

function toKatakana(s: string): string {
  return s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/**
 * Control characters (except line breaks and tabs), lone surrogates and bidi overrides carry no
 * meaning in a member's message but can corrupt a stored value or disguise it on a card.
 */
export function stripInvisible(input: string): string {
  return input.replace(
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]|\p{Cs}/gu,
    "",
  );
}
