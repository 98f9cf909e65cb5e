// /admin/staff (admin only): the staff accounts — create one, unlock a locked one, remove one (not
// oneself). Accounts are normally created with `npm run staff:create`; this page is for day-to-day.
import { Hono } from "hono";
import {
  clearFailedSignIns,
  createStaff,
  deleteStaff,
  isLocked,
  listStaff,
  type StaffRole,
} from "../../store/staff.js";
import { recordAudit } from "../../store/staff-audit.js";
import { hashPassword } from "../auth/password.js";
import type { AdminEnv, AdminOptions } from "../deps.js";
import { formatJst } from "../format.js";
import { CsrfField, type Flash, Layout } from "../pages/layout.js";

export const MIN_PASSWORD = 12;

const FLASHES: Record<string, Flash> = {
  created: { kind: "ok", text: "アカウントを作成しました。" },
  unlocked: { kind: "ok", text: "ロックを解除しました。" },
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
  const audit = (staffId: number, action: string, target: string) =>
    recordAudit(deps.db, { staffId, action, target }, deps.clock.now());

  app.get("/", async (c) => {
    const staff = c.get("staff");
    const rows = await listStaff(deps.db);
    const now = deps.clock.now();
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
                  <td>{isLocked(u, now) ? `ロック中（${formatJst(u.lockedUntil)}まで）` : "利用可"}</td>
                  <td class="row">
                    <form method="post" action={`/admin/staff/${u.id}/unlock`} class="inline">
                      <CsrfField token={staff.csrfToken} />
                      <button type="submit" class="secondary">
                        ロック解除
                      </button>
                    </form>
                    {u.id !== staff.staffId ? (
                      <form
                        method="post"
                        action={`/admin/staff/${u.id}/delete`}
                        class="inline"
                        onsubmit="return confirm('このアカウントを削除しますか？')"
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
    await clearFailedSignIns(deps.db, id);
    await audit(c.get("staff").staffId, "staff.unlock", `staff:${id}`);
    return c.redirect(done("unlocked"), 303);
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
