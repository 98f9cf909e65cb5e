// The staff area mounted at /admin: sign-in, then every page behind a session, CSRF on every POST
// (hono/csrf's Origin check, then the session's token), admin-only sections, and headers (Hono's
// secureHeaders) that keep these pages out of caches and frames and allow scripts only from files.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { accountRoutes } from "./account/routes.js";
import { requireAdmin, requireCsrf, requireStaff } from "./auth/guard.js";
import { authRoutes } from "./auth/routes.js";
import { broadcastRoutes } from "./broadcasts/routes.js";
import type { AdminEnv, AdminOptions } from "./deps.js";
import { inquiryRoutes } from "./inquiries/routes.js";
import { knowledgeRoutes } from "./knowledge/routes.js";
import { memberRoutes } from "./members/routes.js";
import { auditPage } from "./pages/audit.js";
import { dashboardPage } from "./pages/dashboard.js";
import { errorPage } from "./pages/error-page.js";
import { ADMIN_ICON_SVG } from "./pages/icon.js";
import { ADMIN_SCRIPT } from "./pages/script.js";
import { rosterRoutes } from "./roster/routes.js";
import { staffRoutes } from "./staff/routes.js";

export { hashPassword, verifyPassword } from "./auth/password.js";
export type { AdminDeps, AdminOptions } from "./deps.js";
export { lineQuota, type QuotaSource } from "./quota.js";

/** Scripts come only from /admin/assets (no inline script, no eval); inline style attributes remain. */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
};

const STAFF_ROSTER_PATH = /\/roster\/coverage(\/export)?$/;

/** Production runs behind HTTPS only: browsers are told to never use plain HTTP for a year. */
export const HSTS = "max-age=31536000; includeSubDomains";

export function adminRoute(options: AdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      strictTransportSecurity: options.secureCookies ? HSTS : false,
      xFrameOptions: "DENY",
      referrerPolicy: "same-origin",
      crossOriginResourcePolicy: "same-origin",
    }),
  );
  app.use("*", async function noStore(c, next) {
    await next();
    c.header("Cache-Control", "no-store");
  });
  // A POST from a page of another site is refused before anything reads it (the tokens come after).
  const sameOrigin = csrf();
  app.use("*", async function originCheck(c, next) {
    try {
      await sameOrigin(c, next);
    } catch (error) {
      if (error instanceof HTTPException && error.status === 403)
        return c.html(errorPage(403, "ほかのサイトから送られた操作は受け付けません。"), 403);
      throw error;
    }
  });
  // The roster CSV is the largest thing staff send (5 MB checked by its route).
  app.use("*", bodyLimit({ maxSize: 6 * 1024 * 1024, onError: (c) => c.html(errorPage(413), 413) }));
  app.get("/assets/admin.js", (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    return c.body(ADMIN_SCRIPT);
  });
  app.get("/assets/icon.svg", (c) => {
    c.header("Content-Type", "image/svg+xml");
    return c.body(ADMIN_ICON_SVG);
  });
  // A browser that asks for the icon at its usual place under /admin gets the same one.
  app.get("/favicon.ico", (c) => c.redirect("/admin/assets/icon.svg", 301));
  app.route("/", authRoutes(options));

  const guarded = new Hono<AdminEnv>();
  guarded.use("*", requireStaff(options), requireCsrf());
  guarded.get("/", (c) => dashboardPage(c, options));
  guarded.route("/account", accountRoutes(options));
  guarded.route("/members", memberRoutes(options));
  guarded.route("/broadcasts", broadcastRoutes(options));
  guarded.route("/inquiries", inquiryRoutes(options));
  guarded.route("/knowledge", knowledgeRoutes(options));
  // Following up the members not done by phone or mail is the staff's job: every role sees the
  // roster coverage and downloads its not-done CSV (audited); importing and the full export stay admin.
  guarded.use("/roster/*", async (c, next) =>
    STAFF_ROSTER_PATH.test(c.req.path) ? next() : requireAdmin()(c, next),
  );
  guarded.use("/roster", requireAdmin());
  guarded.route("/roster", rosterRoutes(options));
  guarded.use("/staff/*", requireAdmin());
  guarded.use("/staff", requireAdmin());
  guarded.route("/staff", staffRoutes(options));
  guarded.get("/audit", requireAdmin(), (c) => auditPage(c, options));
  app.route("/", guarded);
  return app;
}
