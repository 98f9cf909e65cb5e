// /admin/staff (admin only): the staff accounts — create one, set a new password for someone who forgot
// theirs (ending all their sessions), lift the sign-in wait after failed attempts, remove one (not
// oneself). The first account comes from `npm run staff:create`; this page is for day-to-day.
import { Hono } from "hono";
import {
  createStaff,
  deleteStaff,
  findStaffById,
  listStaff,
  type StaffRole,
  setStaffPassword,
} from "../../store/staff.js";
import { type AuditAction, recordAudit } from "../../store/staff-audit.js";
import { anyBlocked } from "../../store/staff-throttle.js";
import { checkNewPassword, MIN_PASSWORD, PASSWORD_ERRORS } from "../account/password-rules.js";
import { hashPassword } from "../auth/password.js";
import { releaseThrottle, throttleKeys } from "../auth/sign-in.js";
import type { AdminEnv, AdminOptions } from "../deps.js";
import { CsrfField, type Flash, Layout } from "../pages/layout.js";

export { MIN_PASSWORD } from "../account/password-rules.js";

const FLASHES: Record<string, Flash> = {
  created: { kind: "ok", text: "アカウントを作成しました。" },
  unlocked: { kind: "ok", text: "ログインの制限を解除しました。" },
  passwordReset: {
    kind: "ok",
    text: "新しいパスワードを設定しました。その職員のログインはすべて終了しました。新しいパスワードを本人に伝えてください。",
  },
  resetSelf: { kind: "error", text: "自分のパスワードは「自分のアカウント」で変更してください。" },
  notFound: { kind: "error", text: "その職員アカウントは見つかりませんでした。" },
  ...PASSWORD_ERRORS,
  deleted: { kind: "ok", text: "アカウントを削除しました。" },
  invalid: {
    kind: "error",
    text: `ログインID（英数字と . _ -）、名前、${MIN_PASSWORD}文字以上のパスワードを入力してください。`,
  },
  taken: { kind: "error", text: "そのログインIDはすでに使われています。" },
  self: { kind: "error", text: "自分のアカウントは削除できません。" },
};

export function staffRoutes(options: AdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const { deps } = options;
  const done = (code: string) => `/admin/staff?done=${code}`;
  const audit = (staffId: number, action: AuditAction, target: string) =>
    recordAudit(deps.db, { staffId, action, target }, deps.clock.now());

  app.get("/", async (c) => {
    const staff = c.get("staff");
    const now = deps.clock.now();
    const rows = await Promise.all(
      (await listStaff(deps.db)).map(async (u) => {
        const keys = await throttleKeys(u.loginId, "");
        return { ...u, waiting: await anyBlocked(deps.db, [keys.login, `pair:${keys.loginHash}:`], now) };
      }),
    );
    return c.html(
      <Layout
        title="職員アカウント"
        staff={staff}
        current="/admin/staff"
        flash={FLASHES[c.req.query("done") ?? ""] ?? null}
      >
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>ログインID</th>
                <th>名前</th>
                <th>権限</th>
                <th>状態</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <tr>
                  <td>{u.loginId}</td>
                  <td>{u.displayName}</td>
                  <td>{u.role === "admin" ? "管理者" : "職員"}</td>
                  <td>{u.waiting ? "ログイン失敗が続いたため一時的に制限中" : "利用可"}</td>
                  <td class="row">
                    {u.waiting ? (
                      <form method="post" action={`/admin/staff/${u.id}/unlock`} class="inline">
                        <CsrfField token={staff.csrfToken} />
                        <button type="submit" class="secondary">
                          ログインの制限を解除
                        </button>
                      </form>
                    ) : null}
                    {u.id !== staff.staffId ? (
                      <details>
                        <summary>パスワードを再設定</summary>
                        <form method="post" action={`/admin/staff/${u.id}/password`}>
                          <CsrfField token={staff.csrfToken} />
                          <label for={`password-${u.id}`}>新しいパスワード（{MIN_PASSWORD}文字以上）</label>
                          <input
                            type="password"
                            id={`password-${u.id}`}
                            name="password"
                            minlength={MIN_PASSWORD}
                            autocomplete="new-password"
                            required
                          />
                          <label for={`confirm-${u.id}`}>確認のためもう一度</label>
                          <input
                            type="password"
                            id={`confirm-${u.id}`}
                            name="confirm"
                            minlength={MIN_PASSWORD}
                            autocomplete="new-password"
                            required
                          />
                          <p>
                            <button type="submit">再設定する</button>
                          </p>
                        </form>
                      </details>
                    ) : (
                      <a href="/admin/account">自分のパスワードを変更</a>
                    )}
                    {u.id !== staff.staffId ? (
                      <form
                        method="post"
                        action={`/admin/staff/${u.id}/delete`}
                        class="inline"
                        data-confirm="このアカウントを削除しますか？"
                      >
                        <CsrfField token={staff.csrfToken} />
                        <button type="submit" class="danger">
                          削除
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2>アカウントを作成</h2>
        <form method="post" action="/admin/staff" class="panel">
          <CsrfField token={staff.csrfToken} />
          <label for="loginId">ログインID</label>
          <input type="text" id="loginId" name="loginId" required pattern="[A-Za-z0-9._\-]{3,40}" />
          <label for="displayName">名前</label>
          <input type="text" id="displayName" name="displayName" required maxlength={40} />
          <label for="role">権限</label>
          <select id="role" name="role">
            <option value="staff">職員</option>
            <option value="admin">管理者</option>
          </select>
          <label for="password">初期パスワード（{MIN_PASSWORD}文字以上）</label>
          <input
            type="password"
            id="password"
            name="password"
            required
            minlength={MIN_PASSWORD}
            autocomplete="new-password"
          />
          <p>
            <button type="submit">作成</button>
          </p>
        </form>
      </Layout>,
    );
  });

  app.post("/", async (c) => {
    const body = await c.req.parseBody();
    const loginId = String(body.loginId ?? "").trim();
    const displayName = String(body.displayName ?? "").trim();
    const password = String(body.password ?? "");
    const role: StaffRole = body.role === "admin" ? "admin" : "staff";
    if (!/^[A-Za-z0-9._-]{3,40}$/.test(loginId) || !displayName || password.length < MIN_PASSWORD)
      return c.redirect(done("invalid"), 303);
    const id = await createStaff(
      deps.db,
      { loginId, displayName, role, passwordHash: await hashPassword(password) },
      deps.clock.now(),
    );
    if (id === null) return c.redirect(done("taken"), 303);
    await audit(c.get("staff").staffId, "staff.create", `staff:${id}`);
    return c.redirect(done("created"), 303);
  });

  app.post("/:id{[0-9]+}/unlock", async (c) => {
    const id = Number(c.req.param("id"));
    const account = await findStaffById(deps.db, id);
    if (!account) return c.redirect(done("notFound"), 303);
    await releaseThrottle(deps, account.loginId);
    await audit(c.get("staff").staffId, "staff.unlock", `staff:${id}`);
    return c.redirect(done("unlocked"), 303);
  });

  app.post("/:id{[0-9]+}/password", async (c) => {
    const id = Number(c.req.param("id"));
    if (id === c.get("staff").staffId) return c.redirect(done("resetSelf"), 303);
    const account = await findStaffById(deps.db, id);
    if (!account) return c.redirect(done("notFound"), 303);
    const body = await c.req.parseBody();
    const password = String(body.password ?? "");
    const problem = checkNewPassword(password, String(body.confirm ?? ""), account);
    if (problem) return c.redirect(done(problem), 303);
    await setStaffPassword(deps.db, id, await hashPassword(password));
    await releaseThrottle(deps, account.loginId);
    await audit(c.get("staff").staffId, "staff.passwordReset", `staff:${id}`);
    return c.redirect(done("passwordReset"), 303);
  });

  app.post("/:id{[0-9]+}/delete", async (c) => {
    const id = Number(c.req.param("id"));
    if (id === c.get("staff").staffId) return c.redirect(done("self"), 303);
    await deleteStaff(deps.db, id);
    await audit(c.get("staff").staffId, "staff.delete", `staff:${id}`);
    return c.redirect(done("deleted"), 303);
  });
  return app;
}
