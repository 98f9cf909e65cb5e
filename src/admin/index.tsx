// The staff area mounted at /admin: sign-in, then every page behind a session, CSRF on every POST,
// admin-only sections, and headers that keep these pages out of caches and frames.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requireAdmin, requireCsrf, requireStaff } from "./auth/guard.js";
import { authRoutes } from "./auth/routes.js";
import { broadcastRoutes } from "./broadcasts/routes.js";
import type { AdminEnv, AdminOptions } from "./deps.js";
import { inquiryRoutes } from "./inquiries/routes.js";
import { memberRoutes } from "./members/routes.js";
import { auditPage } from "./pages/audit.js";
import { dashboardPage } from "./pages/dashboard.js";
import { rosterRoutes } from "./roster/routes.js";
import { staffRoutes } from "./staff/routes.js";

export { hashPassword, verifyPassword } from "./auth/password.js";
export type { AdminDeps, AdminOptions } from "./deps.js";
export { lineQuota, type QuotaSource } from "./quota.js";

const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function adminRoute(options: AdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.use("*", async function adminHeaders(c, next) {
    await next();
    c.header("Cache-Control", "no-store");
    c.header("Content-Security-Policy", CSP);
    c.header("X-Frame-Options", "DENY");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "same-origin");
  });
  // The roster CSV is the largest thing staff send (5 MB checked by its route).
  app.use(
    "*",
    bodyLimit({ maxSize: 6 * 1024 * 1024, onError: (c) => c.text("送信できる大きさを超えています。", 413) }),
  );
  app.route("/", authRoutes(options));

  const guarded = new Hono<AdminEnv>();
  guarded.use("*", requireStaff(options), requireCsrf());
  guarded.get("/", (c) => dashboardPage(c, options));
  guarded.route("/members", memberRoutes(options));
  guarded.route("/broadcasts", broadcastRoutes(options));
  guarded.route("/inquiries", inquiryRoutes(options));
  guarded.use("/roster/*", requireAdmin());
  guarded.use("/roster", requireAdmin());
  guarded.route("/roster", rosterRoutes(options));
  guarded.use("/staff/*", requireAdmin());
  guarded.use("/staff", requireAdmin());
  guarded.route("/staff", staffRoutes(options));
  guarded.get("/audit", requireAdmin(), (c) => auditPage(c, options));
  app.route("/", guarded);
  return app;
}
