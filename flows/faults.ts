// What a member is told when the bot cannot go on for them, and what staff see: today one fault,
// stored data that no configured key opens (a key was changed without keeping the old one, or the
// value is damaged). Retrying cannot fix it, so the member gets one clear answer and a person takes over.
import { z } from "zod";

const Text = z.string().min(1).max(1000);

const FaultSchema = z.object({
  unreadable: z.object({
    /** Replied to the member, one idea per bubble. */
    member: z.array(Text).min(1).max(3),
    /** The inquiry opened for staff (shown in 問い合わせ; answering it pushes to the member). */
    staffAlert: Text,
  }),
});

export type FaultContent = z.infer<typeof FaultSchema>;

export const faultContent: FaultContent = FaultSchema.parse({
  unreadable: {
    member: [
      "申し訳ありません。システムの不具合のため、お預かりしている内容を読み出せませんでした。",
      "担当者が確認して、このトークでご連絡します。お手数ですが、しばらくお待ちください。",
    ],
    staffAlert:
      "【自動】この会員の保存データを読み取れません（暗号鍵の変更が原因と考えられます）。システム担当者に DATA_ENCRYPTION_OLD_KEYS の設定を確認してもらってください。解決しない場合は、この会員のデータを削除すると、会員は最初からやり直せます。",
  },
});
