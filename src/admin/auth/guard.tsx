// Middleware in front of every staff page except sign-in: a live session, then the session's CSRF
// token on every POST (403 otherwise), then the admin role where a page needs it.
import type { MiddlewareHandler } from "hono";
import type { AdminEnv, AdminOptions } from "../deps.js";
import { Document } from "../pages/layout.js";
import { currentStaff } from "./session.js";
import { sameToken } from "./tokens.js";

export function requireStaff(options: AdminOptions): MiddlewareHandler<AdminEnv> {
  return async function requireStaff(c, next) {
    const staff = await currentStaff(c, options.deps);
    if (!staff) {
      if (c.req.method !== "GET") return c.text("ログインが必要です。", 401);
      const next = new URL(c.req.url).pathname + new URL(c.req.url).search;
      return c.redirect(`/admin/login?next=${encodeURIComponent(next)}`);
    }
    c.set("staff", staff);
    await next();
  };
}

export function requireCsrf(): MiddlewareHandler<AdminEnv> {
  return async function requireCsrf(c, next) {
    if (c.req.method === "POST") {
      const header = c.req.header("x-csrf-token");
      const body = header ? null : await c.req.parseBody();
      const token = header ?? (typeof body?._csrf === "string" ? body._csrf : undefined);
      if (!sameToken(token, c.get("staff").csrfToken))
        return forbidden(c, "フォームの有効期限が切れました。ページを開き直してください。");
    }
    await next();
  };
}

export function requireAdmin(): MiddlewareHandler<AdminEnv> {
  return async function requireAdmin(c, next) {
    if (c.get("staff").role !== "admin") return forbidden(c, "この操作は管理者のみが行えます。");
    await next();
  };
}

function forbidden(c: Parameters<MiddlewareHandler>[0], message: string) {
  return c.html(
    <Document title="操作できません">
      <main>
        <h1>操作できません</h1>
        <p>{message}</p>
        <p>
          <a href="/admin">ダッシュボードへ戻る</a>
        </p>
      </main>
    </Document>,
    403,
  );
}
