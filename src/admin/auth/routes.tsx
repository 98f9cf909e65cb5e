// Sign-in and sign-out. The sign-in form has no session yet, so its CSRF check is a double-submit
// cookie: a random value both in a cookie and in a hidden field, compared on POST (the Origin check
// of hono/csrf runs in front of it). A wrong password and an unknown login id get the same page.
import { type Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { recordAudit } from "../../store/staff-audit.js";
import { rememberDevice } from "../../store/staff-throttle.js";
import type { AdminEnv, AdminOptions } from "../deps.js";
import { Document, type Flash, FlashBox } from "../pages/layout.js";
import { requireCsrf, requireStaff } from "./guard.js";
import { currentStaff, endSession, startSession } from "./session.js";
import { signIn } from "./sign-in.js";
import { randomToken, sameToken, sha256Hex } from "./tokens.js";

const LOGIN_CSRF_COOKIE = "admin_login_csrf";
/** Marks a browser that signed in before (see sign-in.ts); not a credential on its own. */
export const DEVICE_COOKIE = "admin_device";
const DEVICE_KEEP_MS = 90 * 24 * 60 * 60 * 1000;

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
    const loginId = String(body.loginId ?? "")
      .trim()
      .slice(0, 100);
    const device = getCookie(c, DEVICE_COOKIE);
    const result = await signIn(deps, {
      loginId,
      password: String(body.password ?? "").slice(0, 1000),
      address: options.clientAddress?.(c) ?? "unknown",
      deviceHash: device ? await sha256Hex(device) : undefined,
    });
    const next = safeNext(String(body.next ?? ""));
    if (result.ok) {
      await startSession(c, deps, result.staffId, secureCookies);
      await rememberBrowser(c, options, result.staffId, device);
      return c.redirect(next ?? "/admin", 303);
    }
    const token = issueLoginToken(c, secureCookies);
    if (result.reason === "wait") {
      const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
      c.header("Retry-After", String(seconds));
      return c.html(loginPage(token, next ?? undefined, waitFlash(seconds), loginId), 429);
    }
    return c.html(loginPage(token, next ?? undefined, invalid, loginId), 401);
  });

  app.post("/logout", requireStaff(options), requireCsrf(), async (c) => {
    await endSession(c, deps, secureCookies);
    await recordAudit(deps.db, { staffId: c.get("staff").staffId, action: "auth.signOut" }, deps.clock.now());
    return c.redirect("/admin/login", 303);
  });
  return app;
}

const expired: Flash = { kind: "error", text: "画面の有効期限が切れました。もう一度ログインしてください。" };
const invalid: Flash = { kind: "error", text: "ログインIDまたはパスワードが違います。" };

function waitFlash(seconds: number): Flash {
  const wait = seconds > 90 ? `約${Math.ceil(seconds / 60)}分` : `約${seconds}秒`;
  return {
    kind: "error",
    text: `ログインの失敗が続いたため、しばらく受け付けを止めています。${wait}たってから、もう一度お試しください。`,
  };
}

async function rememberBrowser(
  c: Context,
  options: AdminOptions,
  staffId: number,
  existing: string | undefined,
): Promise<void> {
  const token = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomToken();
  await rememberDevice(
    options.deps.db,
    await sha256Hex(token),
    staffId,
    options.deps.clock.now(),
    DEVICE_KEEP_MS,
  );
  setCookie(c, DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    secure: options.secureCookies,
    path: "/admin/login",
    maxAge: DEVICE_KEEP_MS / 1000,
  });
}

function issueLoginToken(c: Context, secure: boolean): string {
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
        <p class="muted">パスワードを忘れたときは、管理者に再設定を依頼してください。</p>
      </main>
    </Document>
  );
}
