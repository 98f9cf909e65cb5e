// /admin/inquiries routes: open questions (decrypted for display), answering — marked answered first,
// then pushed to the member with the polite lead-in of flows/notices.ts, reopened if the push fails.
import { type Context, Hono } from "hono";
import { INQUIRY_ANSWER_LEAD, INQUIRY_ANSWER_MAX, inquiryAnswerSignature } from "../../../flows/notices.js";
import { text } from "../../engine/messages.js";
import { recordAudit } from "../../store/staff-audit.js";
import {
  claimAnswer,
  closeAnsweredInquiry,
  closeInquiry,
  getInquiry,
  type InquiryStatus,
  listInquiries,
  reopenClosedInquiry,
  reopenInquiry,
} from "../../store/staff-inquiries.js";
import type { AdminEnv, AdminOptions } from "../deps.js";
import { displayAnswers, openRegistration } from "../members/mask.js";
import type { Flash } from "../pages/layout.js";
import { type Asker, INQUIRY_STATUS, InquiryListPage, InquiryPage } from "./pages.js";

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const FLASHES: Record<string, Flash> = {
  answered: { kind: "ok", text: "回答を送信しました。" },
  closed: { kind: "ok", text: "完了にしました。" },
  reopened: { kind: "ok", text: "もう一度開きました。「未対応」の一覧に戻っています。" },
  notClosed: { kind: "error", text: "このお問い合わせは完了になっていないため、開き直す必要はありません。" },
  empty: { kind: "error", text: `回答は1〜${INQUIRY_ANSWER_MAX}文字で入力してください。` },
  already: { kind: "error", text: "このお問い合わせは、すでに対応済みです。" },
  pushFailed: {
    kind: "error",
    text: "LINEへの送信に失敗しました。未対応のまま残しています。時間をおいてお試しください。",
  },
};

export function inquiryRoutes(options: AdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const { deps } = options;
  const open = (sealed: string | null) =>
    sealed === null ? Promise.resolve(null) : deps.cipher.open(sealed).catch(() => "（読み取れません）");

  /** Who asked, masked as on the members list: 「浦和接骨院 埼＊ ＊郎」. */
  const askerOf = async (registration: string | null): Promise<Asker> => {
    const answers = await openRegistration(deps.cipher, registration);
    const shown = answers ? displayAnswers(answers, false) : null;
    return { clinicName: shown?.clinicName ?? "", maskedName: shown?.name ?? "" };
  };

  app.get("/", async (c) => {
    const s = c.req.query("status");
    const status: InquiryStatus = s && s in INQUIRY_STATUS ? (s as InquiryStatus) : "open";
    const page = Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1);
    const found = await listInquiries(deps.db, status, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const rows = await Promise.all(
      found.rows.map(async (row) => ({
        row,
        question: (await open(row.question)) ?? "",
        asker: await askerOf(row.registration),
      })),
    );
    return c.html(
      <InquiryListPage
        staff={c.get("staff")}
        status={status}
        rows={rows}
        total={found.total}
        page={page}
        pageSize={PAGE_SIZE}
      />,
    );
  });

  app.get("/:id{[0-9]+}", async (c) => {
    const row = await getInquiry(deps.db, Number(c.req.param("id")));
    if (!row) return c.notFound();
    return c.html(
      <InquiryPage
        staff={c.get("staff")}
        row={row}
        question={(await open(row.question)) ?? ""}
        asker={await askerOf(row.registration)}
        answer={await open(row.answer)}
        retryKey={crypto.randomUUID()}
        flash={FLASHES[c.req.query("done") ?? ""] ?? null}
      />,
    );
  });

  app.post("/:id{[0-9]+}/answer", async (c) => {
    const id = Number(c.req.param("id"));
    const body = await c.req.parseBody();
    const answer = String(body.answer ?? "")
      .replace(/\r\n/g, "\n")
      .trim();
    if (answer.length === 0 || answer.length > INQUIRY_ANSWER_MAX) return back(c, id, "empty");
    const staff = c.get("staff");
    const claimed = await claimAnswer(
      deps.db,
      id,
      { sealed: await deps.cipher.seal(answer), staffName: staff.displayName },
      deps.clock.now(),
    );
    if (!claimed) return back(c, id, "already");
    const key = String(body.retryKey ?? "");
    try {
      await deps.messenger.push(
        claimed.userId,
        [text(INQUIRY_ANSWER_LEAD), text(`${answer}\n\n${inquiryAnswerSignature(staff.displayName)}`)],
        UUID.test(key) ? key : undefined,
      );
    } catch (error) {
      deps.logger.error("admin.inquiry.pushFailed", { name: (error as Error).name });
      await reopenInquiry(deps.db, id);
      return back(c, id, "pushFailed");
    }
    await recordAudit(
      deps.db,
      { staffId: staff.staffId, action: "inquiry.answer", target: `inquiry:${id}` },
      deps.clock.now(),
    );
    return back(c, id, "answered");
  });

  app.post("/:id{[0-9]+}/close", async (c) => {
    const id = Number(c.req.param("id"));
    const staff = c.get("staff");
    const closed =
      (await closeInquiry(deps.db, id, staff.displayName, deps.clock.now())) ||
      (await closeAnsweredInquiry(deps.db, id));
    if (!closed) return back(c, id, "already");
    await recordAudit(
      deps.db,
      { staffId: staff.staffId, action: "inquiry.close", target: `inquiry:${id}` },
      deps.clock.now(),
    );
    return back(c, id, "closed");
  });

  app.post("/:id{[0-9]+}/reopen", async (c) => {
    const id = Number(c.req.param("id"));
    const staff = c.get("staff");
    if (!(await reopenClosedInquiry(deps.db, id))) return back(c, id, "notClosed");
    await recordAudit(
      deps.db,
      { staffId: staff.staffId, action: "inquiry.reopen", target: `inquiry:${id}` },
      deps.clock.now(),
    );
    return back(c, id, "reopened");
  });
  return app;
}

function back(c: Context<AdminEnv>, id: number, done: string) {
  return c.redirect(`/admin/inquiries/${id}?done=${done}`, 303);
}
