// /admin/members routes: list, one member, and the member actions (reveal, relay, note, erase).
import { type Context, Hono } from "hono";
import { findNotice } from "../../../flows/notices.js";
import { pushHours } from "../../../flows/push-hours.js";
import { isWithinPushHours } from "../../engine/journey/push-hours.js";
import { AFFILIATIONS } from "../../engine/types.js";
import { linkOf } from "../../store/roster-coverage.js";
import { recordAudit } from "../../store/staff-audit.js";
import { memberDetail } from "../../store/staff-members.js";
import { requireAdmin } from "../auth/guard.js";
import type { AdminEnv, AdminOptions } from "../deps.js";
import { isJourneyStep } from "../format.js";
import { errorPage } from "../pages/error-page.js";
import type { Flash } from "../pages/layout.js";
import { addNote, eraseMember, linkToRoster, noticeFit, type RelayOutcome, relayNotice } from "./actions.js";
import { MemberDetailPage } from "./detail-page.js";
import { MemberListPage } from "./list-page.js";
import { displayAnswers, openRegistration } from "./mask.js";
import { RelayPreviewPage } from "./relay-page.js";
import { type MemberSearch, searchMembers } from "./search.js";

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const FLASHES: Record<string, Flash> = {
  sent: { kind: "ok", text: "記録し、本人にお知らせを送りました。" },
  sentNoAdvance: {
    kind: "ok",
    text: "すでにその段階まで進んでいたため記録は変えず、お知らせだけ送りました。",
  },
  held: {
    kind: "ok",
    text: `記録しました。夜間のため、お知らせは次の${pushHours.start}以降に送ります。`,
  },
  recordedNotSent: {
    kind: "error",
    text: "記録しましたが、LINEへの送信に失敗しました。時間をおいてもう一度お試しください。",
  },
  inactive: { kind: "error", text: "記録しましたが、この会員はブロック・退会しているため送信していません。" },
  unknownNotice: { kind: "error", text: "お知らせの種類が正しくありません。" },
  exempt: {
    kind: "error",
    text: "この会員は「対象外（届出）」と申告しているため、お知らせは送っていません。",
  },
  note: { kind: "ok", text: "メモを保存しました。" },
  linked: { kind: "ok", text: "名簿と結びつけました。" },
  linkInvalid: {
    kind: "error",
    text: "登録記号番号は「協1101234-5-6」のように、協か契と9桁の数字で入力してください。",
  },
  linkUnknown: { kind: "error", text: "その登録記号番号は名簿にありません。名簿を確かめてください。" },
  noteInvalid: { kind: "error", text: "メモは1〜2,000文字で入力してください。" },
  erased: { kind: "ok", text: "この会員のデータを削除しました。" },
};

export function memberRoutes(options: AdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const { deps } = options;

  app.get("/", async (c) => {
    const q = c.req.query();
    // A filter value the lists do not offer is a mistake to report, not a silent "all".
    const problem = filterProblem(q);
    if (problem) return c.html(errorPage(400, problem), 400);
    const search: MemberSearch = {
      q: q.q?.slice(0, 100),
      step: q.step || undefined,
      affiliation: q.affiliation || undefined,
      status: q.status === "active" || q.status === "inactive" ? q.status : undefined,
    };
    const page = Math.max(1, Number.parseInt(q.page ?? "1", 10) || 1);
    const found = await searchMembers(deps.db, deps.cipher, deps.searchIndex, search, {
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    return c.html(
      <MemberListPage
        staff={c.get("staff")}
        search={search}
        {...found}
        page={page}
        pageSize={PAGE_SIZE}
        flash={q.done === "erased" ? FLASHES.erased : null}
      />,
    );
  });

  app.get("/:userId", (c) => detail(c, options, false, FLASHES[c.req.query("done") ?? ""] ?? null));

  app.post("/:userId/reveal", async (c) => {
    const staff = c.get("staff");
    await recordAudit(
      deps.db,
      { staffId: staff.staffId, action: "member.reveal", target: c.req.param("userId") },
      deps.clock.now(),
    );
    return detail(c, options, true, null);
  });

  // The preview: where the member stands and exactly what they will receive, before anything is sent.
  app.get("/:userId/relay", async (c) => {
    const notice = findNotice(c.req.query("notice") ?? "");
    if (!notice) return back(c, "unknownNotice");
    const found = await memberDetail(deps.db, c.req.param("userId"));
    if (!found) return c.notFound();
    const { member } = found;
    const answers = await openRegistration(deps.cipher, member.registration);
    return c.html(
      <RelayPreviewPage
        staff={c.get("staff")}
        userId={member.userId}
        clinicName={answers?.clinicName ?? ""}
        member={member}
        notice={notice}
        fit={noticeFit(member, notice.step)}
        night={!isWithinPushHours(deps.clock.now(), pushHours)}
        retryKey={crypto.randomUUID()}
      />,
    );
  });

  app.post("/:userId/relay", async (c) => {
    const body = await c.req.parseBody();
    const notice = String(body.notice ?? "");
    const preview = () =>
      c.redirect(
        `/admin/members/${encodeURIComponent(c.req.param("userId"))}/relay?notice=${encodeURIComponent(notice)}`,
        303,
      );
    // Nothing goes out unless staff saw the preview and pressed its button.
    if (body.confirmed !== "1") return preview();
    const key = String(body.retryKey ?? "");
    const outcome: RelayOutcome = await relayNotice(
      deps,
      c.get("staff").staffId,
      c.req.param("userId"),
      notice,
      UUID.test(key) ? key : crypto.randomUUID(),
      body.behind === "1",
    );
    if (outcome === "notFound") return c.notFound();
    if (outcome === "needsConfirm") return preview();
    return back(c, outcome);
  });

  app.post("/:userId/roster-link", async (c) => {
    const body = await c.req.parseBody();
    const outcome = await linkToRoster(
      deps,
      c.get("staff").staffId,
      c.req.param("userId"),
      String(body.registrationNumber ?? ""),
    );
    if (outcome === "notFound") return c.notFound();
    return back(c, outcome);
  });

  app.post("/:userId/notes", async (c) => {
    const body = await c.req.parseBody();
    const ok = await addNote(deps, c.get("staff").staffId, c.req.param("userId"), String(body.note ?? ""));
    return back(c, ok ? "note" : "noteInvalid");
  });

  app.post("/:userId/erase", requireAdmin(), async (c) => {
    if (!(await eraseMember(deps, c.get("staff").staffId, c.req.param("userId"))))
      return c.html(errorPage(404, "この会員は見つかりませんでした。削除は行っていません。"), 404);
    // The member's page is gone with their data: back to the list, which says so.
    return c.redirect("/admin/members?done=erased", 303);
  });
  return app;
}

function filterProblem(search: { step?: string; affiliation?: string; status?: string }): string | null {
  if (search.step && search.step !== "none" && search.step !== "exempt" && !isJourneyStep(search.step))
    return "進捗の指定が正しくありません。一覧から選び直してください。";
  if (search.affiliation && !(AFFILIATIONS as readonly string[]).includes(search.affiliation))
    return "所属機関の指定が正しくありません。一覧から選び直してください。";
  if (search.status && search.status !== "active" && search.status !== "inactive")
    return "状態の指定が正しくありません。一覧から選び直してください。";
  return null;
}

function back(c: Context<AdminEnv>, done: string) {
  return c.redirect(`/admin/members/${encodeURIComponent(c.req.param("userId") ?? "")}?done=${done}`, 303);
}

async function detail(c: Context<AdminEnv>, options: AdminOptions, revealed: boolean, flash: Flash | null) {
  const { cipher, db } = options.deps;
  const found = await memberDetail(db, c.req.param("userId") ?? "");
  if (!found) return c.notFound();
  const answers = await openRegistration(cipher, found.member.registration);
  const notes = await Promise.all(
    found.notes.map(async (n) => ({
      ...n,
      note: await cipher.open(n.note).catch(() => "（読み取れません）"),
    })),
  );
  return c.html(
    <MemberDetailPage
      staff={c.get("staff")}
      detail={found}
      answers={answers ? displayAnswers(answers, revealed) : null}
      revealed={revealed}
      notes={notes}
      rosterLink={await linkOf(db, found.member.userId)}
      flash={flash}
    />,
  );
}
