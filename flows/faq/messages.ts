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
  noneOfThese: "どれでもない",
  notFound:
    "申し訳ありません。そのご質問にお答えできる情報が見つかりませんでした。\n本会の担当者にお問い合わせいただくか、コールセンターにご相談ください。",
  askPerson: "担当者に聞く",
  callCentreLabel: "コールセンター",
  callCentre: `${CALL_CENTRE_TEXT}\n\nポータルの操作で困ったときは、こちらにお電話ください。`,
} as const;
