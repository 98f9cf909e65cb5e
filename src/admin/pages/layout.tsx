// The page frame shared by every staff page: header navigation by role, the sign-out form, flashes.
import type { Child } from "hono/jsx";
import type { SessionStaff } from "../../store/staff-sessions.js";
import { STYLES } from "./styles.js";

export interface Flash {
  kind: "ok" | "error";
  text: string;
}

interface NavItem {
  href: string;
  label: string;
  adminOnly?: boolean;
  /** Where the item leads for the staff role, when the admin's page is admin-only. */
  staffHref?: string;
}

const NAV: NavItem[] = [
  { href: "/admin", label: "ダッシュボード" },
  { href: "/admin/members", label: "会員" },
  { href: "/admin/broadcasts", label: "配信" },
  { href: "/admin/inquiries", label: "お問い合わせ" },
  { href: "/admin/knowledge", label: "よくある質問" },
  { href: "/admin/roster", label: "名簿", staffHref: "/admin/roster/coverage" },
  { href: "/admin/staff", label: "職員", adminOnly: true },
  { href: "/admin/audit", label: "操作記録", adminOnly: true },
];

export function Document(props: { title: string; children: Child }) {
  return (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} | 協会LINE 管理画面`}</title>
        <link rel="icon" href="/admin/assets/icon.svg" type="image/svg+xml" />
        <style dangerouslySetInnerHTML={{ __html: STYLES }} />
      </head>
      <body>
        {props.children}
        <script src="/admin/assets/admin.js" defer />
      </body>
    </html>
  );
}

export function Layout(props: {
  title: string;
  staff: SessionStaff;
  current?: string;
  flash?: Flash | null;
  children: Child;
}) {
  const { staff } = props;
  const items = NAV.filter((item) => !item.adminOnly || staff.role === "admin");
  return (
    <Document title={props.title}>
      <header>
        <span class="brand">協会LINE 管理画面</span>
        <nav aria-label="メニュー">
          {items.map((item) => (
            <a
              href={staff.role === "admin" ? item.href : (item.staffHref ?? item.href)}
              aria-current={props.current === item.href ? "page" : undefined}
            >
              {item.label}
            </a>
          ))}
        </nav>
        <a
          href="/admin/account"
          class="who"
          aria-current={props.current === "/admin/account" ? "page" : undefined}
        >
          {staff.displayName}（{staff.role === "admin" ? "管理者" : "職員"}）
        </a>
        <form method="post" action="/admin/logout">
          <CsrfField token={staff.csrfToken} />
          <button type="submit">ログアウト</button>
        </form>
      </header>
      <main>
        <h1>{props.title}</h1>
        {props.flash ? <FlashBox flash={props.flash} /> : null}
        {props.children}
      </main>
    </Document>
  );
}

export function FlashBox(props: { flash: Flash }) {
  return (
    <div class={`flash ${props.flash.kind}`} role={props.flash.kind === "error" ? "alert" : "status"}>
      {props.flash.text}
    </div>
  );
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/** Previous / next links keeping the current query. */
export function Pager(props: {
  page: number;
  pageSize: number;
  total: number;
  query: Record<string, string>;
}) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const link = (page: number) => `?${new URLSearchParams({ ...props.query, page: String(page) })}`;
  return (
    <div class="pager">
      {props.page > 1 ? <a href={link(props.page - 1)}>← 前へ</a> : null}
      <span class="muted">
        {props.page} / {pages} ページ（{props.total}件）
      </span>
      {props.page < pages ? <a href={link(props.page + 1)}>次へ →</a> : null}
    </div>
  );
}
