// /admin/account: one's own account — name, role, and changing one's password (the current one is
// asked first). Changing it ends every other session of the account; this browser stays signed in.
import { Hono } from "hono";
import { findStaffById, setStaffPassword } from "../../store/staff.js";
import { recordAudit } from "../../store/staff-audit.js";
import { hashPassword, verifyPassword } from "../auth/password.js";
import { currentSessionHash } from "../auth/session.js";
import type { AdminEnv, AdminOptions } from "../deps.js";
import { CsrfField, type Flash, Layout } from "../pages/layout.js";
import { checkNewPassword, MIN_PASSWORD, PASSWORD_ERRORS } from "./password-rules.js";

const FLASHES: Record<string, Flash> = {
  changed: {
    kind: "ok",
    text: "パスワードを変更しました。ほかの端末でのログインはすべて終了しました。",
  },
  wrongCurrent: { kind: "error", text: "いまのパスワードが違います。" },
  ...PASSWORD_ERRORS,
};

export function accountRoutes(options: AdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const { deps } = options;

  app.get("/", (c) => {
    const staff = c.get("staff");
    const flash = FLASHES[c.req.query("done") ?? ""] ?? null;
    return c.html(
      <Layout title="自分のアカウント" staff={staff} current="/admin/account" flash={flash}>
        <div class="panel">
          <dl class="fields">
            <dt>名前</dt>
            <dd>{staff.displayName}</dd>
            <dt>ログインID</dt>
            <dd>{staff.loginId}</dd>
            <dt>権限</dt>
            <dd>{staff.role === "admin" ? "管理者" : "職員"}</dd>
          </dl>
        </div>
        <h2>パスワードの変更</h2>
        <form method="post" action="/admin/account/password" class="panel">
          <CsrfField token={staff.csrfToken} />
          <label for="current">いまのパスワード</label>
          <input type="password" id="current" name="current" autocomplete="current-password" required />
          <label for="password">新しいパスワード（{MIN_PASSWORD}文字以上）</label>
          <input
            type="password"
            id="password"
            name="password"
            autocomplete="new-password"
            minlength={MIN_PASSWORD}
            required
          />
          <p class="muted">
            同じ文字のくり返し、1234やabcdのような並び、ログインIDや名前、よく使われるパスワード（passwordなど）は使えません。
          </p>
          <label for="confirm">新しいパスワード（確認のためもう一度）</label>
          <input
            type="password"
            id="confirm"
            name="confirm"
            autocomplete="new-password"
            minlength={MIN_PASSWORD}
            required
          />
          <p class="muted">変更すると、ほかのパソコンやスマートフォンでのログインは終了します。</p>
          <p>
            <button type="submit">パスワードを変更</button>
          </p>
        </form>
      </Layout>,
    );
  });

  app.post("/password", async (c) => {
    const staff = c.get("staff");
    const body = await c.req.parseBody();
    const current = String(body.current ?? "").slice(0, 1000);
    const password = String(body.password ?? "");
    const row = await findStaffById(deps.db, staff.staffId);
    if (!row) return c.redirect("/admin/login", 303);
    const problem = checkNewPassword(password, String(body.confirm ?? ""), row);
    if (!(await verifyPassword(current, row.passwordHash)))
      return c.redirect("/admin/account?done=wrongCurrent", 303);
    if (problem) return c.redirect(`/admin/account?done=${problem}`, 303);
    await setStaffPassword(deps.db, staff.staffId, await hashPassword(password), await currentSessionHash(c));
    await recordAudit(
      deps.db,
      { staffId: staff.staffId, action: "staff.passwordChange", target: `staff:${staff.staffId}` },
      deps.clock.now(),
    );
    return c.redirect("/admin/account?done=changed", 303);
  });
  return app;
}
