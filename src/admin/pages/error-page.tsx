// The pages a person sees when something is not there or went wrong: plain Japanese, a way back, and
// no detail of the error (the log has its name).
import { Document } from "./layout.js";

const PAGES: Record<number, { title: string; text: string }> = {
  400: {
    title: "内容を確認してください",
    text: "送られた内容を読み取れませんでした。入力をご確認のうえ、もう一度お試しください。",
  },
  401: { title: "ログインが必要です", text: "もう一度ログインしてください。" },
  403: {
    title: "操作できません",
    text: "この操作は受け付けられませんでした。ページを開き直してからお試しください。",
  },
  404: {
    title: "ページが見つかりません",
    text: "お探しのページは見つかりませんでした。アドレスが正しいか、削除されていないかご確認ください。",
  },
  413: {
    title: "送信できる大きさを超えています",
    text: "ファイルや入力が大きすぎます。小さくしてからお試しください。",
  },
  500: {
    title: "エラーが発生しました",
    text: "申し訳ありません。処理の途中で問題が起きました。時間をおいてもう一度お試しください。続くときは管理者にご連絡ください。",
  },
};

export function errorPage(status: number, text?: string) {
  const page = PAGES[status] ?? (status >= 500 ? PAGES[500]! : PAGES[400]!);
  return (
    <Document title={page.title}>
      <main>
        <h1>{page.title}</h1>
        <p>{text ?? page.text}</p>
        <p>
          <a href="/admin">管理画面のトップへ</a>
        </p>
      </main>
    </Document>
  );
}
