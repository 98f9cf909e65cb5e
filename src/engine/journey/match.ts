// Recognises typed reports (「登録ボタンを押した」「メール届いた」「登録完了しました」) only when the
// whole message means exactly that; anything else (questions, negations, longer sentences) is left
// to the FAQ, so a member asking about a step is never recorded as having done it.

import { REPORT_SPELLINGS } from "../../../flows/faq/readings.generated.js";
import { JOURNEY_STEPS, type JourneyStep } from "../types.js";
import { normalizeCommand, toHiragana } from "../understand/normalize.js";
import type { JourneyCopy } from "./schema.js";
import { WHEN_PHRASES } from "./when.js";

export type TypedReport =
  | { kind: "report"; step: JourneyStep; also?: JourneyStep[] }
  | { kind: "mailArrived" }
  /** 「今度はきました！」「ありました」: something came, unnamed (the mail, to a member waiting for it). */
  | { kind: "arrived" }
  | { kind: "mailMissing" }
  | { kind: "exempt" }
  | { kind: "unexempt" }
  | { kind: "pressed" }
  /** 「登録しました」: the portal's registration, without saying whether it was pressed or completed. */
  | { kind: "registeredVague" }
  | { kind: "done" };

/** A question, marked or not (「ちゃんとおわっているか」「登録できたか」). */
const QUESTION = /[?？]|(ですか|ますか|でしょうか|のか|かな|(?<=[るたい])か)[。.!！\s]*$/;
const SENTENCE_OR_QUESTION = /[。．.!！?？\n]+/u;
/** Sentences, or the pauses between two reports in one (「、」, a space). */
const SENTENCE_OR_PAUSE = /[。．.!！\n、,\s]+/u;
/** 「終わって」「済ませて」「押して、」: one report done, another follows. */
const JOINED =
  /(終わっ|おわっ|済ませ|すませ|済ん|すん|押し|おし)て(?=[、,\s]|.{2,})|(登録し|とうろくし)て(?=アプリ|あぷり)/gu;
/** A sentence saying something went wrong or did not happen. */
const TROUBLE = /ない|ません|できず|だめ|ダメ|エラー|でも|けど/u;
/** Emoji, 「！」 and the like after a report (「…出ました🙌」). */
const TRAILING_SIGNS = /(?:[\s\p{P}\p{S}\p{Extended_Pictographic}]|\u200d|\ufe0f)+$/u;
/** 「だから」「なんとか」「やっと」 before a report, 「ってば」 after it: the report is the same. */
const LEADING_WORDS =
  /^(?:だから|ちゃんと|きちんと|一応|いちおう|たぶん|多分|確かに|たしかに|今度は|こんどは|なんとか|やっと|ようやく|無事に?|ぶじに?|さっき|今日|きょう|今朝|けさ|いま|今|もう|きのう|昨日|先日|おととい|ポータルで|ぽーたるで|ポータルの方で|ポータルのほうで|ポータルの(?=登録|とうろく|ユーザー登録))[、,\s]*/u;
/** 「ってば」, and 「…来たってことです」: the report, said as a conclusion. */
const TRAILING_WORDS =
  /(?:ってば|ったら|よー|よ〜|ってことです|ということです|ってことで|ってこと|(?<=ます|ました|た)って)$/u;
/**
 * 「…つくったきがする」「…したと思う」「…したはず」: the member believes it is done. Recorded as said (a
 * report that skips steps is confirmed first, as any other).
 */
const HEDGE =
  /(?:(?:ような)?(?:きが|気が)(?:する|します)|と(?:おも|思)(?:う|います|うんだけど|うんですけど)|はず(?:です)?|みたい(?:です)?|かも(?:しれない|しれません)?)$/u;
/** 「息子に手伝ってもらって…」「娘と一緒に…」: who helped, before the report. */
const HELPED =
  /^.{0,20}?(?:手伝ってもらって|てつだってもらって|にやってもらって|と一緒に|といっしょに)[、,\s]*/u;
/** 「承認はおととい来てる」: when it happened, inside the report, says nothing about which step. */
const WHEN_INSIDE =
  /(?<=.)(?:おととい|一昨日|きのう|昨日|さっき|先日|けさ|今朝|今日|(?<!お)もう(?!一|いち|少し|すこし))[、,\s]*/gu;
/** 「おっ、」「いやいや、」「よし、」「いやだから…」 before a report: a voice, not a word of it. */
const INTERJECTION =
  /^(?:(?:おっ|おお|あっ|いやいや|いや|えっと|えーと|よし|はい|うん|そうそう)[、,!！\s]+|(?:いやいや|いや)(?=[\p{Script=Han}\p{Script=Katakana}]|だから|もう))/u;
/** 「…したそうです」「…したらしい」「…したって言ってました」: told by whoever did it, the same report. */
const HEARSAY =
  /(?<=[ただい])(?:そう|らしい|とのこと|って(?:言って|いって)(?:た|ました|ます|います|いました|る|いる)|と(?:言って|いって)(?:た|ました|ます|います|いました|る|いる))(?:です)?$/u;
/**
 * 「3週間くらい前に」「来週の月曜で」「12月10日で」: how long ago, or the date chosen (the 運用開始日),
 * inside the report, say nothing about which step.
 */
const HOW_LONG_AGO =
  /(?<=.)(?:(?:\d+|[一二三四五六七八九十数]+)(?:日|週間|か月|ヶ月|カ月|かげつ)(?:くらい|ぐらい|ほど)?(?:前|まえ)に?|(?:来週|再来週|今週|来月|らいしゅう)の?(?:[月火水木金土日]曜日?)?で|\d+月\d+日で|\d+日で)[、,\s]*/gu;
/**
 * 「11月10日ごろ」「3週間前に」「先週」: when it happened, anywhere in the report (when.ts reads it);
 * a date followed by 「で」 is the 運用開始日 chosen and is left to HOW_LONG_AGO.
 */
const WHEN_SAID = new RegExp(`(?:${WHEN_PHRASES.join("|")})(?:の?(?:うち|中)|に|には)?[、,\\s]*`, "gu");
/** One report done (see JOINED): its verb in the past, then a sentence break. */
const joined = (_: string, verb?: string, registered?: string) => `${verb ?? registered}た。`;
/** `words` as one alternation, longest first, for a regular expression. */
const anyOf = (words: readonly string[]) =>
  [...words]
    .map((w) => w.normalize("NFKC").replace(/[.*+?^${}()|[\]\\]/gu, "\\$&"))
    .sort((a, b) => b.length - a.length)
    .join("|");

/** 「リンクを押したら」「クリックすると」 before the screen's words. */
const AFTER_DOING = /^.*(?:たら|すると|したら|メールには|めーるには|メールに|めーるに)\s*/u;
/** 「…って出ました」「…と出た」「…と表示された」: the words on the screen. */
const QUOTED =
  /^[「『]?(.+?)[」』]?(?:って|と)(?:出|で|表示され|書いて|かいて)(?:ました|た|てる|てます|ています|ある|あります|あった)[。.!！\s]*$/u;

/** After a step's name: a verb of having done it (「までやりました」「が完了いたしましたって出ました」「されました」). */
const DONE_AFTER = /(?:ました|った|んだ|いた|した|きた|来た|出た|でた|えた|れた|済み|済んだ|完了|できた)/u;
/** …but not 「まだ」, a negation or a trouble (「承認されないまま」「アプリが入れられません」「機械が壊れた」). */
const NOT_DONE =
  /ない|なく|ません|ず[、。\s]|ずに|まだ|エラー|失敗|だめ|ダメ|壊れ|こわれ|忘れ|わすれ|消え|なくし|間違|まちが|待って|まって|したい|したら|すれば|しよう|予定|つもり|から|に行|にいく/u;

const SPELLING = new RegExp(REPORT_SPELLINGS.map(([kanji]) => kanji).join("|"), "g");
const SPELLED = new Map(REPORT_SPELLINGS);

/**
 * Normalization shared by the typed text and the listed words: the kanji of the listed words read
 * as kana and katakana as hiragana (「めーるきました」 and 「メール来ました」 meet), polite past and
 * particles folded.
 */
export function foldReport(input: string): string {
  return (
    toHiragana(normalizeCommand(input).replace(SPELLING, (k) => SPELLED.get(k) ?? k))
      .replace(/((ん|の)(ですが|だけど|です)|けど|よ|ね|よね|わ)$/, "")
      // 「完了してるんです」 (です already gone) and 「買ってあるし、」 (one of several things done).
      .replace(/(?<=[るた])ん$/, "")
      .replace(/(?<=[るた])し$/, "")
      .replace(/(?<=.)です$/, "")
      // 「いれたお」: よ mistyped.
      .replace(/(?<=た)お$/, "")
      .replace(/(ました|ましたよ)$/, "た")
      // 「終わりました」: 終わった.
      .replace(/(?:終|お)わりた$/, "おわった")
      // 「済んでます」「済みました」: done.
      .replace(/(すんてます|すんています|すみた|ずみた|すんてる)$/, "すんだ")
      .replace(/(済んでます|済んでいます|済みた|済んでる)$/, "済んだ")
      // 「してありました」「入れといた」「やっておいた」「来てた」: done, said another way.
      .replace(/てあ(る|った|りた)$/, "た")
      .replace(/(?<=[しれっけせみき])とい?た$/, "た")
      .replace(/ておいた$/, "た")
      .replace(/でおいた$/, "だ")
      .replace(/(?<=[きしいれでっみ])てた$/, "た")
      // 「おととい来てる」「もう入れてます」: has been done.
      .replace(/(?<=[きしいれっみせ])て(る|ます|います|いる)$/, "た")
      // 「登録しておきました」「買ってきてくれました」: the same report.
      .replace(/ておきた$/, "た")
      .replace(/てくれた$/, "た")
      .replace(/てきた$/, "た")
      .replace(/[がをはも]/g, "")
  );
}

/**
 * What is set aside around a report before it is looked up: voices, when, who helped or did it
 * (「院長が…」: someone else did the step, `people`), 「だから」「ちゃんと」, 「…って」「…そうです」, hedges.
 */
function tidier(people: readonly string[]): (s: string) => { said: string; byOther: boolean } {
  const someoneElse = new RegExp(
    `^(?:うちの|家の)?(?:${anyOf(people)})(?:さん|の方|のほう|の者|の人)?(?:が|の方で|のほうで)[、,\\s]*`,
    "u",
  );
  return (s) => {
    const lead = s
      .trim()
      .replace(INTERJECTION, "")
      .replace(WHEN_SAID, "")
      .replace(HOW_LONG_AGO, "")
      .replace(WHEN_INSIDE, "")
      .replace(HELPED, "")
      .replace(LEADING_WORDS, "");
    const said = lead
      .replace(someoneElse, "")
      .replace(LEADING_WORDS, "")
      .replace(TRAILING_WORDS, "")
      .replace(HEARSAY, "")
      .replace(HEDGE, "")
      .trim();
    return { said, byOther: someoneElse.test(lead) };
  };
}

export function createMatcher(copy: JourneyCopy): (input: string) => TypedReport | null {
  const tidy = tidier(copy.words.someoneElse);
  const table = new Map<string, TypedReport>();
  const add = (words: string[], report: TypedReport) => {
    for (const word of words) if (!table.has(foldReport(word))) table.set(foldReport(word), report);
  };
  add(copy.words.mailArrived, { kind: "mailArrived" });
  add(copy.words.arrived, { kind: "arrived" });
  add(copy.words.mailMissing, { kind: "mailMissing" });
  add(copy.words.unexempt, { kind: "unexempt" });
  add(copy.exemption.words, { kind: "exempt" });
  add(copy.words.pressed, { kind: "pressed" });
  add(copy.words.registeredVague, { kind: "registeredVague" });
  add(copy.words.done, { kind: "done" });
  for (const step of JOURNEY_STEPS)
    add([copy.steps[step].report, ...copy.steps[step].words], { kind: "report", step });
  const exactly = (input: string): TypedReport | null => {
    const { said, byOther } = tidy(input);
    const found = table.get(foldReport(said)) ?? null;
    if (!byOther) return found;
    // 「先生がきました」: a person came, not the mail; 「孫が押した」: pressed what is not known, asked.
    return found?.kind === "arrived" ? null : found?.kind === "pressed" ? { kind: "done" } : found;
  };
  const whatNext = copy.words.whatNext.map((w) => w.normalize("NFKC"));
  /** 「アプリは入れたんだけどこれで終わり？」: a report, then 「what now?」 after 「…けど」 in one sentence. */
  const thenWhatNext = new RegExp(
    `(?:ん|の)?(?:だ|です)?(?:けれども|けれど|けども|けど|が)[、,\\s]*(?=${anyOf(whatNext)})|(?<=[たし])(?=${anyOf(whatNext)})`,
    "gu",
  );
  /**
   * 「…完了しましたって出ました」: the screen's words, quoted; 「りんくおしたら かんりょうって でました」:
   * what was done first, then the screen's words (「完了」 alone is read as 「完了と出た」).
   */
  const onScreen = (input: string): TypedReport | null => {
    const quoted = QUOTED.exec(input)?.[1]?.replace(AFTER_DOING, "");
    return quoted ? (exactly(quoted) ?? exactly(`${quoted}と出た`)) : null;
  };
  /** The report in the sentences, the furthest step when several are (「アカウント作りました。PDFも印刷しました」). */
  const inSentences = (sentences: string[], read = exactly): TypedReport | null => {
    const found = sentences.map(read).filter((r): r is TypedReport => r !== null);
    const steps = found.filter((r) => r.kind === "report");
    if (steps.length > 0) {
      const furthest = steps.reduce((a, b) =>
        JOURNEY_STEPS.indexOf(b.step) > JOURNEY_STEPS.indexOf(a.step) ? b : a,
      );
      // 「機器ももう買ってあるし、ユーザー登録も完了してる」: the earlier steps said are recorded too.
      const also = steps.map((r) => r.step).filter((x) => x !== furthest.step);
      return also.length > 0 ? { ...furthest, also } : furthest;
    }
    return found[0] ?? null;
  };
  /** Each step's nouns, longest first (「登録が完了」 before 「登録完了」). */
  const nouns = JOURNEY_STEPS.flatMap((step) =>
    copy.steps[step].nouns.map((n) => ({ step, noun: n.normalize("NFKC").toLowerCase() })),
  ).sort((a, b) => b.noun.length - a.noun.length);
  /**
   * 「利用開始申請までやりました」「リンク押したら登録が完了いたしましたって出ました〜」「承認されました
   * ってメールがきました」: the step named last in the text, followed in its sentence by a verb of having
   * done it, and by no negation, trouble or question.
   */
  const byNoun = (text: string): TypedReport | null => {
    const t = text.normalize("NFKC").toLowerCase();
    let last: { step: JourneyStep; at: number; end: number } | null = null;
    for (const { step, noun } of nouns) {
      const at = t.lastIndexOf(noun);
      if (at >= 0 && (!last || at > last.at)) last = { step, at, end: at + noun.length };
    }
    if (!last) return null;
    const after = t.slice(last.end).split(/[。．.!！\n]/u)[0] ?? "";
    if (!DONE_AFTER.test(after) || NOT_DONE.test(after) || QUESTION.test(after) || /[?？]/u.test(after))
      return null;
    return { kind: "report", step: last.step };
  };
  return (raw) => {
    if (raw.length > 60) return null;
    if (QUESTION.test(raw)) {
      // 「運用開始日も入力しました！これで全部終わりですか？」: a report, then 「what now?」, which the
      // report's reply (the next step) answers.
      const sentences = raw
        .normalize("NFKC")
        .replace(thenWhatNext, "。")
        .split(SENTENCE_OR_QUESTION)
        .filter((x) => x.trim().length > 0);
      const last = sentences.at(-1)?.normalize("NFKC") ?? "";
      if (sentences.length < 2 || !whatNext.some((w) => last.includes(w))) return null;
      // 「リンク押して完了した！次なに？」: the reports before it may be joined by 「…て」 too.
      const before = sentences
        .slice(0, -1)
        .flatMap((x) => x.replace(JOINED, joined).split(SENTENCE_OR_PAUSE))
        .filter((x) => x.trim().length > 0);
      // 「…メールが来たんですけどリンク押したら登録完了って出ましたこれで終わりですか」: the screen's
      // words at the end of what was told, whatever came before them.
      const told = sentences.slice(0, -1).join("。").replace(TRAILING_SIGNS, "");
      const shown = QUESTION.test(told) ? null : onScreen(told.split(/けど|けれど|が、/u).at(-1) ?? told);
      if (shown) return shown;
      if (before.some((x) => TROUBLE.test(x) || QUESTION.test(x))) return null;
      // 「運用開始日、12月7日で登録しました」 is one report with a pause in it; split further only if not.
      const whole = sentences.slice(0, -1).map((x) => x.replace(TRAILING_SIGNS, ""));
      return (
        inSentences(whole) ?? inSentences(before.map((x) => x.replace(TRAILING_SIGNS, ""))) ?? byNoun(told)
      );
    }
    const input = raw.replace(TRAILING_SIGNS, "").trim();
    const whole = exactly(input);
    if (whole) return whole;
    const shown = onScreen(input);
    if (shown) return shown;
    // 「べつのブラウザでやったらできました！登録完了しました」: the report is the last sentence, and
    // nothing before it is a trouble or a question (「押した。でもメールが来ない」 is for the FAQ).
    // 「登録も終わって利用開始申請も出してある」「アカウント作ったよ　PDFも印刷しといた」: two reports
    // joined by 「…て」, a comma or a space are two sentences.
    const sentences = input
      .replace(JOINED, joined)
      .split(SENTENCE_OR_PAUSE)
      .filter((x) => x.trim().length > 0);
    if (sentences.length < 2) return TROUBLE.test(input) ? null : byNoun(input);
    // A trouble told after the report (「押した。でもメールが来ない」) is for the FAQ.
    if (sentences.some((x) => TROUBLE.test(x))) return null;
    // 「きた」 among other sentences may be any mail (「かんりょうメール きた」): only a whole message is that.
    const part = (x: string) => {
      const found = exactly(x);
      return found?.kind === "arrived" ? null : found;
    };
    const last = part(sentences.at(-1)!);
    // Reports before it too (「機器も買ってあるし、登録も完了してる」): all of them, the furthest first.
    if (last) return last.kind === "report" ? (inSentences(sentences, part) ?? last) : last;
    // The report earlier, and nothing after it is a trouble (「押した。でもメールが来ない」 is for the FAQ).
    if (sentences.some((x) => QUESTION.test(x))) return null;
    return inSentences(sentences, part) ?? byNoun(input);
  };
}
