// FAQ: where to turn — the call centre quoted in the briefing, and the association through this chat.
import type { FaqEntry } from "../../../src/answerer/types.js";
import { BOT_GUIDE, BRIEFING, KINKI_KOSEI } from "../sources.js";

export const CALL_CENTRE_TEXT =
  "オンライン資格確認等コールセンター\n電話：0800-080-4583（通話無料）\n受付：月曜〜金曜 8:00〜18:00、土曜 8:00〜16:00（いずれも祝日を除く）";

export const CONTACT_ENTRIES: FaqEntry[] = [
  {
    id: "callcentre",
    label: "コールセンター",
    questions: [
      // The example question the menu shows for this entry (flows/menu.ts faqExamples).
      "コールセンターの番号は？",
      "問い合わせ先の電話番号は",
      "コールセンターの番号を教えて",
      "コールセンターの電話番号は",
      "電話で相談したい",
      "コールセンターは何時まで",
      "コールセンターの受付時間",
      "土曜日もやっていますか",
      "問い合わせの電話番号",
      "コールセンターの連絡先",
      "電話したい",
      "問い合わせの電話",
      "何時まで電話できる",
      "土曜日は電話つながりますか",
      "こーるせんたーのばんごう",
      "フリーダイヤルは",
      "サポートの電話は",
      "電話で質問できるところ",
      "受付時間は何時から",
      // The answer says 通話無料: members ask about the cost of the call in their own words.
      "電話代はかかりますか",
      "通話料は無料ですか",
      "電話するのにお金はかかる？",
    ],
    answer: CALL_CENTRE_TEXT,
    source: BRIEFING,
    // The number and hours are still listed by the regional bureau (DESIGN.md §6).
    alsoFrom: [KINKI_KOSEI],
  },
  {
    id: "callcentre-mail",
    label: "問い合わせメール",
    questions: [
      "メールで問い合わせできますか",
      "問い合わせのメールアドレスは",
      "日曜に問い合わせたい",
      "メールの問い合わせ先",
      "メールで質問したい",
      "問い合わせ用のメアド",
      "日曜日に聞きたい",
      "祝日は問い合わせできますか",
      "コールセンターのメールアドレス",
      "メールで相談したい",
      "休みの日に問い合わせるには",
      "といあわせめーる",
    ],
    answer:
      "ポータルのお問い合わせ先には、メールアドレス contact@iryohokenjyoho-portalsite.jp が載っています。コールセンターの電話は日曜・祝日は受け付けていないため、その日はメールかこのチャットをご利用ください。",
    source: BRIEFING,
  },
  {
    id: "ask-association",
    label: "本会に相談したい",
    questions: [
      "担当者と話したい",
      "人に聞きたい",
      "本会に直接相談できますか",
      "事務局に問い合わせたい",
      "担当者に相談",
      "本会に聞きたい",
      "担当の人に聞きたい",
      "直接聞きたい",
      "人と話したい",
      "柔整師会に相談したい",
      "事務局の人に連絡したい",
      "たんとうしゃにききたい",
      "わからないので人に相談したい",
      "担当者に聞く",
      "整復師会に問い合わせ",
    ],
    answer: "下の「担当者に聞く」を押して、ご質問を送ってください。本会の担当者に届き、あとでお返事します。",
    source: BOT_GUIDE,
    choices: [{ label: "担当者に聞く", action: "inquiry.create" }],
  },
];
