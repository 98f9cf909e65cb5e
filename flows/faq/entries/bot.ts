// FAQ: how to use this LINE account itself (start, progress, erasing data, passwords).
import type { FaqEntry } from "../../../src/answerer/types.js";
import { BOT_GUIDE } from "../sources.js";

export const BOT_ENTRIES: FaqEntry[] = [
  {
    id: "bot-what",
    label: "このLINEでできること",
    questions: [
      "このLINEで何ができますか",
      "このアカウントの使い方を教えて",
      "このボットは何をしてくれるの",
      "このLINEの使い方",
    ],
    answer:
      "このLINEでは、次のことができます。\n・ポータルのユーザー登録の準備（入力内容の確認）\n・進み具合の確認と、期限などのお知らせ\n・よくある質問へのお答え\n・本会の担当者へのお問い合わせ\n知りたいことを、そのまま文章で送ってください。",
    source: BOT_GUIDE,
  },
  {
    id: "bot-start",
    label: "このLINEで登録準備",
    questions: [
      "このLINEで登録の手伝いをしてもらえますか",
      "登録の準備を始めたい",
      "ユーザー登録を手伝って",
      "入力内容をチェックしてほしい",
    ],
    answer:
      "このチャットで、ポータルと同じ項目を順番にお聞きし、ルールに合っているか確認して、入力用のまとめをお渡しします。まとめを見ながらポータルに入力すれば、一度で正しく登録できます。パスワードはお聞きしません。「登録」と送るか、下の「登録をはじめる」を押してください。",
    source: BOT_GUIDE,
    choices: [{ label: "登録をはじめる", action: "reg.start" }],
  },
  {
    id: "bot-progress",
    label: "進み具合を見る",
    questions: ["今どこまで進んでいますか", "自分の進捗を確認したい", "次にやることは何", "進捗を見たい"],
    answer:
      "「進み具合」と送るか、下の「進み具合を見る」を押すと、いまどの手順まで進んでいるかと、次にやることを表示します。",
    source: BOT_GUIDE,
    choices: [{ label: "進み具合を見る", action: "journey.progress" }],
  },
  {
    id: "bot-erase",
    label: "データ削除",
    questions: ["登録した情報を消したい", "個人情報を削除してほしい", "データを消すには", "データを削除"],
    answer:
      "このチャットに「データ削除」と送ると、このLINEに保存されたあなたの情報（お名前や電話番号など）を削除できます。削除しても、ポータルに登録した内容は消えません。",
    source: BOT_GUIDE,
    choices: [{ label: "データ削除", action: "erase" }],
  },
  {
    id: "bot-password",
    label: "パスワードは送らない",
    questions: [
      "このLINEにパスワードを教える必要がありますか",
      "パスワードもここで登録してくれるの",
      "パスワードを送ってしまった",
    ],
    answer:
      "このチャットでは、ポータルのパスワードは一切必要ありません。お聞きすることもありませんので、送らないでください。パスワードはご自身でポータルに直接入力し、大切に控えておいてください。",
    source: BOT_GUIDE,
  },
  {
    id: "bot-privacy",
    label: "情報の取り扱い",
    questions: [
      "入力した情報はどう使われますか",
      "個人情報は安全ですか",
      "このLINEに入力した内容の扱い",
      "個人情報の扱い",
    ],
    answer:
      "お預かりする情報は、登録の準備と進み具合のお知らせのためだけに使います。パスワードはお聞きしません。不要になったら「データ削除」と送ると削除できます。",
    source: BOT_GUIDE,
  },
];
