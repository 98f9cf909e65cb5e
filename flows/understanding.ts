// How the bot reads what members type before it acts: the social turns people send to a person at a
// counter (greetings, thanks, 「あとで」…), what marks a question, and the short human replies.
// Word lists are compared after the one command normalizer (src/engine/understand/normalize.ts).
import { z } from "zod";

const Words = z.array(z.string().min(1)).min(1);
const Text = z.string().min(1).max(1000);

export const SOCIAL_KINDS = [
  "greeting",
  "thanks",
  "apology",
  "acknowledge",
  "yes",
  "no",
  "dontKnow",
  "help",
  "later",
  "wait",
  "goodbye",
  "back",
] as const;
export type SocialKind = (typeof SOCIAL_KINDS)[number];

const SocialSchema = z.object({
  /** The whole message is (only) one of these words, after normalization. */
  words: Words,
  /** Also when one of these appears in a short message that is not a question (「電話がきたので後で」). */
  within: z.array(z.string().min(1)).default([]),
  /** The reply outside a form (the menu comes with it). */
  idle: Text,
  /** The reply in the middle of a form (the form's question comes again after it). */
  inForm: Text,
});

const UnderstandingSchema = z.object({
  social: z.object(
    Object.fromEntries(SOCIAL_KINDS.map((k) => [k, SocialSchema])) as Record<SocialKind, typeof SocialSchema>,
  ),
  /** Longest message still read as a social turn when it only contains a `within` word. */
  socialMaxLength: z.number().int().min(5).max(60),
  introductionMaxLength: z.number().int().min(2).max(30),
  /** Social words said before a question (「こんにちは。補助金は…」): dropped, the rest is answered. */
  openers: Words,
  question: z.object({
    /** A text with one of these is a question wherever the member is. */
    strong: Words,
    /** Question words: a question only when the FAQ has an answer that leads, or the text is long. */
    weak: Words,
    /** Endings that make a sentence a question (「…いつまで有効」 has none, so the FAQ decides). */
    endings: Words,
  }),
});

export type Understanding = z.infer<typeof UnderstandingSchema>;

export const understanding: Understanding = UnderstandingSchema.parse({
  social: {
    greeting: {
      words: [
        "こんにちは",
        "こんにちわ",
        "こんばんは",
        "こんばんわ",
        "おはようございます",
        "おはよう",
        "はじめまして",
        "初めまして",
        "よろしくお願いします",
        "よろしくおねがいします",
        "よろしく",
        "お世話になります",
        "お世話になっております",
        "おせわになります",
        "もしもし",
        "どうも",
        "hello",
        "hi",
      ],
      idle: "こんにちは。オンライン資格確認のことなら、お気軽にお聞きください。",
      inForm: "こんにちは。入力の続きをお願いします。",
    },
    thanks: {
      words: [
        "ありがとう",
        "ありがとうございます",
        "ありがとうございました",
        "ありがと",
        "どうもありがとう",
        "助かりました",
        "助かります",
        "たすかりました",
        "感謝します",
        "サンキュー",
        "thanks",
        "thankyou",
      ],
      within: ["ありがとう", "助かりました"],
      idle: "どういたしまして。ほかにもお困りのことがあれば、いつでも送ってください。",
      inForm: "どういたしまして。入力の続きをお願いします。",
    },
    apology: {
      words: [
        "すみません",
        "すいません",
        "ごめんなさい",
        "ごめん",
        "申し訳ない",
        "申し訳ありません",
        "申し訳ございません",
        "失礼しました",
        "まちがえました",
        "間違えました",
      ],
      idle: "いいえ、お気になさらないでください。",
      inForm: "いいえ、お気になさらないでください。入力の続きをお願いします。",
    },
    acknowledge: {
      words: [
        "了解",
        "了解です",
        "了解しました",
        "りょうかい",
        "わかりました",
        "分かりました",
        "承知しました",
        "承知いたしました",
        "なるほど",
        "そうですか",
        "オッケー",
        "ok",
        "おk",
      ],
      idle: "承知しました。",
      inForm: "承知しました。入力の続きをお願いします。",
    },
    yes: {
      words: ["はい", "うん", "ええ", "yes", "そうです", "そう"],
      idle: "はい。ご用件を下のボタンから選んでください。ご質問をそのまま送っていただいても大丈夫です。",
      inForm: "ありがとうございます。いまお聞きしている項目を入力してください。",
    },
    no: {
      words: ["いいえ", "いや", "いえ", "no", "ちがう", "違う", "違います", "ちがいます"],
      idle: "承知しました。ほかにご用件があれば、下のボタンから選んでください。",
      inForm:
        "承知しました。いまお聞きしている項目を入力してください。やめるときは「やめる」と送ってください。",
    },
    dontKnow: {
      words: [
        "わからない",
        "分からない",
        "わかりません",
        "分かりません",
        "わかんない",
        "よくわからない",
        "よく分からない",
        "よくわかりません",
        "さっぱりわからない",
        "意味がわからない",
        "知らない",
        "しらない",
        "不明",
      ],
      idle: "大丈夫です。ひとつずつご案内します。まずは下から近いものを選んでください。わからないことは担当者にも聞けます。",
      inForm:
        "大丈夫です。下の説明を見ながら、わかるところから入力してください。どうしてもわからないときは「担当者に聞く」で本会にお尋ねいただけます。",
    },
    help: {
      words: [
        "助けて",
        "たすけて",
        "困った",
        "困りました",
        "困っています",
        "こまった",
        "どうしよう",
        "sos",
        "ヘルプミー",
      ],
      within: ["助けて", "たすけて", "困って"],
      idle: "お困りですね。下から近いものを選んでください。人に聞きたいときは「担当者に聞く」を押してください。",
      inForm:
        "お困りですね。いまの項目の説明をもう一度お送りします。人に聞きたいときは「担当者に聞く」を押してください。",
    },
    later: {
      words: [
        "あとで",
        "後で",
        "また今度",
        "またこんど",
        "あとでやる",
        "後でやります",
        "また後で",
        "またあとで",
      ],
      within: ["あとで", "後で", "後ほど", "のちほど", "また今度", "今は無理", "いまは無理", "時間がない"],
      idle: "承知しました。いつでも続きからできますので、準備ができたら送ってください。",
      inForm: "承知しました。ここまでの入力はそのまま残しておきます。続けるときは「登録」と送ってください。",
    },
    wait: {
      words: [
        "ちょっと待って",
        "待って",
        "まって",
        "ちょっとまって",
        "少々お待ちください",
        "お待ちください",
        "少し待って",
      ],
      within: ["待って", "まって", "お待ちください"],
      idle: "はい、お待ちしています。準備ができたら送ってください。",
      inForm: "はい、お待ちしています。ここまでの入力はそのままです。準備ができたら続きを送ってください。",
    },
    back: {
      words: ["お待たせしました", "おまたせしました", "お待たせ", "戻りました", "もどりました", "ただいま"],
      idle: "おかえりなさい。続きからでも、新しいご用件でも、どうぞお送りください。",
      inForm: "おかえりなさい。入力の続きをお願いします。",
    },
    goodbye: {
      words: [
        "さようなら",
        "またね",
        "おやすみなさい",
        "おやすみ",
        "失礼します",
        "では",
        "じゃあね",
        "バイバイ",
      ],
      idle: "ご利用ありがとうございました。またいつでもどうぞ。",
      inForm: "ここまでの入力はそのまま残しておきます。続けるときは「登録」と送ってください。",
    },
  },
  socialMaxLength: 30,
  /** 「埼玉の田中です」 after a greeting: a self-introduction of at most this many characters. */
  introductionMaxLength: 12,
  openers: [
    "こんにちは",
    "こんにちわ",
    "こんばんは",
    "おはようございます",
    "お世話になります",
    "お世話になっております",
    "はじめまして",
    "すみません",
    "すいません",
    "あの",
    "あのー",
    "えっと",
    "質問です",
    "質問があります",
    "教えてください",
  ],
  question: {
    strong: [
      "ですか",
      "ますか",
      "でしょうか",
      "ませんか",
      "教えて",
      "おしえて",
      "知りたい",
      "どうすれば",
      "どうしたら",
      "どうやって",
      "なぜ",
      "なんで",
      "どうなる",
      "どうなり",
      "かな",
      "のか",
      "いいの",
      "ありますか",
      "わからない",
      "分からない",
      "わかりません",
      "分かりません",
    ],
    weak: [
      "何",
      "なに",
      "なん",
      "どこ",
      "いつ",
      "どう",
      "どれ",
      "誰",
      "だれ",
      "いくら",
      "どのくらい",
      "どれくらい",
      "どんな",
      "いくつ",
      "何日",
      "何時",
    ],
    endings: ["か", "の", "かね", "っけ", "かな"],
  },
});
