// Wording of the FAQ replies (src/answerer/replies.ts assembles them; it holds no Japanese text).
import { CALL_CENTRE_TEXT } from "./entries/contact.js";

/** "2025-02-01" → "2025年2月1日". */
function japaneseDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

export const FAQ_MESSAGES = {
  /** The small bubble under a confident answer. */
  source: (title: string, asOf?: string) => `出典：${title}${asOf ? `（${japaneseDate(asOf)}時点）` : ""}`,
  unsureIntro: "もしかして、次のどれかでしょうか。",
  /** One near entry only. */
  unsureOne: (label: string) => `「${label}」のことでしょうか。`,
  yesShow: "はい、それです",
  notThis: "いいえ、ちがいます",
  noneOfThese: "どれでもない",
  notFound:
    "申し訳ありません。そのご質問には、ここではお答えできる情報がありませんでした。\n本会の担当者にお問い合わせいただくか、ポータルの操作についてはコールセンターにご相談ください。",
  /** The same, with entries that only touch on the question as buttons after a person. */
  notFoundNear:
    "そのご質問にぴったりのお答えは、ここでは見つかりませんでした。\n近い項目を下に並べましたので、よろしければご覧ください。ちがうときは「担当者に聞く」から本会にお尋ねいただけます。",
  /** A question nearest to a topic the knowledge does not cover (flows/faq/outside.ts). */
  outsideTopic: (about: string) =>
    `申し訳ありません。${about}のことは、このLINEの自動回答ではお答えできません。\n本会の担当者にお問い合わせいただけます。`,
  /** The same for the portal's and the app's own troubles: the official call centre first. */
  outsideTopicCallCentre: (about: string) =>
    `申し訳ありません。${about}のことは、このLINEの自動回答ではお答えできません。\nポータルやアプリの操作は、オンライン資格確認等コールセンター（0800-080-4583）でご相談いただけます。`,
  askPerson: "担当者に聞く",
  callCentreLabel: "コールセンター",
  callCentre: `${CALL_CENTRE_TEXT}\n\nポータルの操作で困ったときは、こちらにお電話ください。`,
  /** An answer containing one of these sends the member to the association: 「担当者に聞く」 comes with it. */
  askAssociationMarkers: ["本会にご確認", "本会にご相談", "本会にお問い合わせ", "本会かコールセンター"],
} as const;

/** Instructions for the optional LLM phraser (src/answerer/openai.ts): rephrase, never add facts. */
export const PHRASER_INSTRUCTIONS = [
  "あなたは公益社団法人埼玉県柔道整復師会のLINE窓口です。会員（施術所の先生方）の質問に、丁寧な「です・ます」の短い日本語で答えます。",
  "使ってよいのは、与えられたFAQ項目に書かれている事実だけです。項目にないことは書かず、推測もしません。",
  "日付つきの項目は「…時点」の情報として伝え、いまも同じとは言い切らないでください。",
  "質問にFAQ項目で答えられないときは supported を false にしてください。",
  "usedEntryIds には、答えに使った項目の id だけを入れてください。",
].join("\n");
