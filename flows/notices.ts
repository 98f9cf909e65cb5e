// What the association's staff relay to a member from the staff area, as data: the notices that move a
// member's journey forward (recorded as 'staff'), and the lead-in of an answer to an inquiry. Changing
// the wording means editing this file only.
import type { JourneyStep } from "../src/engine/types.js";

export interface StaffNotice {
  /** Stable id used in the staff form. */
  id: string;
  /** What the staff member picks (the fact they learned). */
  label: string;
  /** The journey step the notice means the member has reached. */
  step: JourneyStep;
  /** Pushed to the member, one idea per bubble (at most 5). */
  messages: string[];
}

const SIGNATURE = "（埼玉県柔道整復師会 事務局より）";

export const STAFF_NOTICES: readonly StaffNotice[] = [
  {
    id: "mailVerified",
    label: "メール認証済み",
    step: "registered",
    messages: [
      `ポータルサイトのユーザー登録（メールの認証）が完了していることを確認しました。ありがとうございます。${SIGNATURE}`,
      "登録の完了から各種申請ができるようになるまで、最大7日程度かかる場合があります。できるようになりましたら、利用開始申請へお進みください。",
    ],
  },
  {
    id: "applicationApproved",
    label: "申請承認",
    step: "approved",
    messages: [
      `利用開始申請が承認されたことを確認しました。${SIGNATURE}`,
      "次は、ポータルの「各種申請」→「資格確認アカウント管理」で、マイナ資格確認アプリのアカウントを作ります。作りましたら「アカウントを作った」で教えてください。",
    ],
  },
  {
    id: "startDateEntered",
    label: "運用開始日の登録（導入完了）",
    step: "started",
    messages: [
      `運用開始日が登録されていることを確認しました。これで導入完了です。お手続き、お疲れさまでした。${SIGNATURE}`,
      "ご不明な点がありましたら、いつでもこのトークでお尋ねください。",
    ],
  },
];

export function findNotice(id: string): StaffNotice | undefined {
  return STAFF_NOTICES.find((n) => n.id === id);
}

/** Put before a staff member's answer to an inquiry; the answer follows in its own bubble. */
export const INQUIRY_ANSWER_LEAD = `お問い合わせいただいた件について、ご回答します。${SIGNATURE}`;

/** Shown in the staff form as the heading of the original question, for context only. */
export const INQUIRY_ANSWER_MAX = 4000;

/** The answering staff member's name under the answer, so the member knows who wrote it. */
export const inquiryAnswerSignature = (staffName: string) => `（担当：${staffName}）`;

/**
 * What the staff LINE group reads about a new inquiry: no name, no question (the group is outside
 * the staff area's access control and audit), only that one is waiting and where to answer it.
 */
export function staffGroupInquiryAlert(openCount: number, adminBaseUrl?: string): string {
  const link = adminBaseUrl ? `\n${adminBaseUrl}/admin/inquiries` : "";
  return `【協会LINE】新しいお問い合わせが届きました（未対応 ${openCount} 件）。\n管理画面の「お問い合わせ」で内容を確認し、回答してください。${link}`;
}
