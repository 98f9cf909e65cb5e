// Fuzzing the staff forms (the /admin app with its real guards, over the staff helper's harness):
// every POST route without a session is refused (401/403, or a redirect), with a session but a
// wrong CSRF token it is 403, and with a valid session and token random field values (any plane,
// huge, duplicated, files where text belongs, odd path ids) give a 2xx/3xx/4xx, never a 5xx.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { plainCipher } from "../../src/store/cipher.js";
import {
  type Harness,
  loginForm,
  ORIGIN,
  type Session,
  seedMember,
  seedStaff,
  signIn,
  startHarness,
} from "../admin/harness.js";
import { hostileText } from "./arbitraries.js";

const RUNS = { numRuns: 150, interruptAfterTimeLimit: 6_000, markInterruptAsFailure: false };
const FIELDS = [
  "text",
  "linkLabel",
  "linkUri",
  "audienceKind",
  "step",
  "affiliation",
  "notReachedStep",
  "at",
  "notice",
  "retryKey",
  "note",
  "answer",
  "loginId",
  "displayName",
  "password",
  "role",
  "file",
  "next",
  "_csrf",
];

let h: Harness;
let admin: Session;
let member: string;
let inquiryId: number;
let broadcastId: number;
let otherStaff: number;

beforeAll(async () => {
  h = await startHarness();
  await seedStaff(h, "fuzz-admin", "fuzz-password-123", "admin");
  otherStaff = await seedStaff(h, "fuzz-clerk", "fuzz-password-456", "staff");
  admin = await signIn(h, "fuzz-admin", "fuzz-password-123");
  member = await seedMember(h, { step: "linkSent" });
  const at = h.clock.now().toISOString();
  const [inquiry] = await h.db
    .insert(schema.inquiries)
    .values({ userId: member, question: await plainCipher.seal("質問です"), createdAt: at })
    .returning();
  inquiryId = inquiry!.id;
  const created = await admin.post("/admin/broadcasts", {
    text: "お知らせ",
    audienceKind: "journeyStep",
    step: "linkSent",
  });
  broadcastId = Number(/broadcasts\/(\d+)/.exec(created.headers.get("location") ?? "")?.[1]);
  expect(broadcastId).toBeGreaterThan(0);
});
afterAll(() => h.close());

const numericId = fc.oneof(
  fc.constant(null).map(() => String(inquiryId)),
  fc.constant(null).map(() => String(broadcastId)),
  fc.constant(null).map(() => String(otherStaff)),
  fc.constantFrom("0", "00000000000000000000001", "99999999999999999999999999"),
  fc.nat().map(String),
);
const memberId = fc.oneof(
  fc.constant(null).map(() => member),
  fc.string({ unit: "binary", maxLength: 80 }).map(encodeURIComponent),
  fc.constantFrom("%00", "..%2F..%2Fadmin", `U${"f".repeat(200)}`),
);

/** POST routes of the staff area (logout is left out: it would end the session under test). */
const path = fc.oneof(
  memberId.chain((u) =>
    fc.constantFrom(...["reveal", "relay", "notes", "erase"].map((a) => `/admin/members/${u}/${a}`)),
  ),
  numericId.chain((i) => fc.constantFrom(`/admin/inquiries/${i}/answer`, `/admin/inquiries/${i}/close`)),
  numericId.chain((i) =>
    fc.constantFrom(...["send", "schedule", "cancel"].map((a) => `/admin/broadcasts/${i}/${a}`)),
  ),
  fc.constant(null).map(() => `/admin/staff/${otherStaff}/unlock`),
  fc.constantFrom("/admin/broadcasts", "/admin/roster/import", "/admin/roster/export", "/admin/staff"),
);

const value = fc.oneof(
  hostileText,
  fc.constantFrom(
    "all",
    "journeyStep",
    "affiliation",
    "notReached",
    "linkSent",
    "admin",
    "2026-12-01T09:00",
    "https://example.jp/",
  ),
  fc.nat(12_000).map((n) => "あ".repeat(n)),
);
const fields = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })), value, {
  maxKeys: 8,
});
const asMultipart = fc.record({
  multipart: fc.boolean(),
  file: fc.option(fc.uint8Array({ maxLength: 4_096 })),
  duplicate: fc.boolean(),
});

function formData(form: Record<string, string>, file: Uint8Array | null, duplicate: boolean): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(form)) {
    data.append(k, v);
    if (duplicate) data.append(k, `${v}2`);
  }
  if (file) data.set("file", new File([file as Uint8Array<ArrayBuffer>], "名簿.csv", { type: "text/csv" }));
  return data;
}

describe("staff forms under fuzzing", () => {
  it("refuses every POST without a session (401/403 or a redirect to sign-in)", async () => {
    await fc.assert(
      fc.asyncProperty(path, fields, async (p, form) => {
        const res = await h.app.request(p, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(form),
        });
        expect([302, 303, 401, 403, 404]).toContain(res.status);
      }),
      RUNS,
    );
  });

  it("refuses every POST of a signed-in session without its CSRF token (403)", async () => {
    await fc.assert(
      fc.asyncProperty(path, fields, fc.string({ maxLength: 64 }), async (p, form, token) => {
        const res = await admin.post(p, { ...form, _csrf: token }, false);
        expect([403, 404]).toContain(res.status);
      }),
      RUNS,
    );
  });

  it("answers random field values of a valid session with 2xx/3xx/4xx, never 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(path, fields, asMultipart, async (p, form, how) => {
        const res = how.multipart
          ? await admin.post(p, formData(form, how.file, how.duplicate))
          : await admin.post(p, form);
        expect(res.status, `${p} ${res.status}`).toBeLessThan(500);
      }),
      RUNS,
    );
    expect((await admin.get("/admin")).status).toBe(200); // the session survived
  });

  it("answers the sign-in form with random values without a 5xx", async () => {
    const { cookie, token } = await loginForm(h);
    await fc.assert(
      fc.asyncProperty(fields, fc.boolean(), async (form, withToken) => {
        const res = await h.app.request("/admin/login", {
          method: "POST",
          headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
          body: new URLSearchParams({ ...form, ...(withToken ? { _csrf: token } : {}) }),
        });
        expect(res.status).toBeLessThan(500);
      }),
      { ...RUNS, numRuns: 30 },
    );
  });
});
