// Sign-in and sign-out. The sign-in form has no session yet, so its CSRF check is a double-submit
// cookie: a random value both in a cookie and in a hidden field, compared on POST.
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { recordAudit } from "../../store/staff-audit.js";
import type { AdminEnv, AdminOptions } from "../deps.js";
import { formatJst } from "../format.js";
import { Document, type Flash, FlashBox } from "../pages/layout.js";
import { requireCsrf, requireStaff } from "./guard.js";
import { currentStaff, endSession, startSession } from "./session.js";
import { signIn } from "./sign-in.js";
import { randomToken, sameToken } from "./tokens.js";

const LOGIN_CSRF_COOKIE = "admin_login_csrf";

export function authRoutes(options: AdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const { deps, secureCookies } = options;

  app.get("/login", async (c) => {
    if (await currentStaff(c, deps)) return c.redirect("/admin");
    return c.html(loginPage(issueLoginToken(c, secureCookies), c.req.query("next")));
  });

  app.post("/login", async (c) => {
    const body = await c.req.parseBody();
    const field = typeof body._csrf === "string" ? body._csrf : "";
    if (!sameToken(field, getCookie(c, LOGIN_CSRF_COOKIE))) {
      return c.html(loginPage(issueLoginToken(c, secureCookies), undefined, expired), 403);
    }
    const loginId = String(body.loginId ?? "").trim();
    const result = await signIn(deps, loginId, String(body.password ?? ""));
    const next = safeNext(String(body.next ?? ""));
    if (result.ok) {
      await startSession(c, deps, result.staffId, secureCookies);
      return c.redirect(next ?? "/admin", 303);
    }
    const flash: Flash =
      result.reason === "locked"
        ? {
            kind: "error",
            text: `ログインに5回続けて失敗したため、このアカウントは15分間ロックされています（${formatJst(result.lockedUntil)} まで）。時間をおいてからお試しください。`,
          }
        : { kind: "error", text: "ログインIDまたはパスワードが違います。" };
    return c.html(loginPage(issueLoginToken(c, secureCookies), next ?? undefined, flash, loginId), 401);
  });

  app.post("/logout", requireStaff(options), requireCsrf(), async (c) => {
    await endSession(c, deps, secureCookies);
    await recordAudit(deps.db, { staffId: c.get("staff").staffId, action: "auth.signOut" }, deps.clock.now());
    return c.redirect("/admin/login", 303);
  });
  return app;
}

const expired: Flash = { kind: "error", text: "画面の有効期限が切れました。もう一度ログインしてください。" };

function issueLoginToken(c: Parameters<typeof getCookie>[0], secure: boolean): string {
  const token = randomToken();
  setCookie(c, LOGIN_CSRF_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    secure,
    path: "/admin",
    maxAge: 3600,
  });
  return token;
}

/** Only paths inside the staff area, so the sign-in form cannot redirect elsewhere. */
function safeNext(next: string): string | null {
  return /^\/admin(\/[^/\\]|$|\?)/.test(next) && !next.startsWith("//") ? next : null;
}

function loginPage(token: string, next?: string, flash?: Flash, loginId = "") {
  return (
    <Document title="ログイン">
      <main style="max-width:28rem">
        <h1>協会LINE 管理画面</h1>
        {flash ? <FlashBox flash={flash} /> : null}
        <form method="post" action="/admin/login" class="panel">
          <input type="hidden" name="_csrf" value={token} />
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <label for="loginId">ログインID</label>
          <input type="text" id="loginId" name="loginId" value={loginId} autocomplete="username" required />
          <label for="password">パスワード</label>
          <input type="password" id="password" name="password" autocomplete="current-password" required />
          <p>
            <button type="submit">ログイン</button>
          </p>
        </form>
      </main>
    </Document>
  );
}
