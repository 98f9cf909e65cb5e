// /admin/broadcasts routes: compose a draft, preview it with the live recipient count, send now,
// schedule (Japan time) or cancel, and follow the delivery. Sending itself is src/broadcast.
import { type Context, Hono } from "hono";
import { pushHours } from "../../../flows/push-hours.js";
import { parseAudience } from "../../broadcast/audience.js";
import { runBroadcast } from "../../broadcast/fanout.js";
import { buildMessages, compositionOf } from "../../broadcast/messages.js";
import { isWithinPushHours } from "../../engine/journey/push-hours.js";
import type { LineMessage } from "../../engine/types.js";
import { chunkFigures } from "../../store/broadcast-chunks.js";
import {
  cancelBroadcast,
  countRecipients,
  createDraft,
  getBroadcast,
  listBroadcasts,
  scheduleBroadcast,
} from "../../store/broadcasts.js";
import type { StaffRole } from "../../store/staff.js";
import { type AuditAction, recordAudit } from "../../store/staff-audit.js";
import type { AdminEnv, AdminOptions } from "../deps.js";
import { formatNumber, parseJstLocal } from "../format.js";
import type { Flash } from "../pages/layout.js";
import { ComposePage } from "./compose-page.js";
import { BroadcastDetailPage } from "./detail-page.js";
import {
  audienceOf,
  type ComposeInput,
  describeAudience,
  EMPTY_COMPOSE,
  inputOf,
  parseCompose,
  readComposeForm,
} from "./form.js";
import { BroadcastListPage } from "./list-page.js";

const FLASHES: Record<string, Flash> = {
  created: { kind: "ok", text: "下書きを保存しました。内容と対象人数を確かめてから送信してください。" },
  sending: { kind: "ok", text: "送信を始めました。" },
  scheduled: { kind: "ok", text: "予約しました。" },
  scheduledNight: {
    kind: "ok",
    text: `予約しました。夜間（${pushHours.start}〜${pushHours.end}の外）の日時のため、翌朝${pushHours.start}から送ります。`,
  },
  cancelled: { kind: "ok", text: "取り消しました。" },
  badTime: {
    kind: "error",
    text: "予約日時が正しくありません。カレンダーにある日時で、いまより後を選んでください。",
  },
  notChangeable: { kind: "error", text: "このお知らせは、すでに送信が始まっているか取り消されています。" },
  allAdminOnly: { kind: "error", text: "全員への配信は管理者のみが行えます。" },
};

export function broadcastRoutes(options: AdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const { deps } = options;
  const audit = (
    c: Context<AdminEnv>,
    action: AuditAction,
    id: number,
    detail?: Record<string, string | number>,
  ) =>
    recordAudit(
      deps.db,
      { staffId: c.get("staff").staffId, action, target: `broadcast:${id}`, detail },
      deps.clock.now(),
    );

  app.get("/", async (c) => {
    const rows = (await listBroadcasts(deps.db)).map((broadcast) => ({
      broadcast,
      title: [...compositionOf(JSON.parse(broadcast.messages) as LineMessage[]).text].slice(0, 40).join(""),
      audienceLabel: describeAudience(parseAudience(broadcast.audience)),
    }));
    return c.html(<BroadcastListPage staff={c.get("staff")} rows={rows} />);
  });

  app.get("/new", async (c) => {
    const copyId = c.req.query("copy") ?? "";
    const copy = /^\d+$/.test(copyId) ? await getBroadcast(deps.db, Number(copyId)) : null;
    const input = copy
      ? inputOf(compositionOf(JSON.parse(copy.messages) as LineMessage[]), parseAudience(copy.audience))
      : undefined;
    const staff = c.get("staff");
    const reach = await audienceReach(options, staff.role, input ?? EMPTY_COMPOSE);
    return c.html(<ComposePage staff={staff} input={input} reach={reach} copiedFrom={copy?.id} />);
  });

  // While composing: how many members the chosen audience reaches now, and the month's quota left.
  app.get("/audience", async (c) => {
    const input = { ...EMPTY_COMPOSE, ...readComposeForm(c.req.query()) };
    return c.json(await audienceReach(options, c.get("staff").role, input));
  });

  app.post("/", async (c) => {
    const staff = c.get("staff");
    const input = readComposeForm(await c.req.parseBody());
    const parsed = parseCompose(input, staff.role);
    if (!parsed.ok) {
      const reach = await audienceReach(options, staff.role, input);
      return c.html(<ComposePage staff={staff} input={input} errors={parsed.errors} reach={reach} />, 400);
    }
    const messages = buildMessages(parsed.composition);
    const id = await createDraft(
      deps.db,
      { messages, audience: parsed.audience, createdBy: staff.staffId },
      deps.clock.now(),
    );
    await audit(c, "broadcast.create", id, { audience: parsed.audience.kind });
    return c.redirect(`/admin/broadcasts/${id}?done=created`, 303);
  });

  app.get("/:id{[0-9]+}", (c) => detail(c, options));

  app.post("/:id{[0-9]+}/send", async (c) => {
    const b = await getBroadcast(deps.db, Number(c.req.param("id")));
    if (!b) return c.notFound();
    if (!mayTarget(c, b.audience)) return back(c, b.id, "allAdminOnly");
    if (!(await scheduleBroadcast(deps.db, b.id, deps.clock.now()))) return back(c, b.id, "notChangeable");
    await audit(c, "broadcast.send", b.id);
    const task = () => runBroadcast(deps, b.id);
    // The broadcast is already due in the database: whichever way it starts, a failed hand-off is
    // still picked up by the next scheduler run.
    const handedOff =
      options.startBroadcast &&
      (await options.startBroadcast(b.id).then(
        () => true,
        (error: unknown) => {
          deps.logger.error("broadcast.handoff_failed", { broadcastId: b.id, name: (error as Error).name });
          return false;
        },
      ));
    if (!handedOff) {
      if (deps.background) deps.background.run(task);
      else await task();
    }
    return back(c, b.id, "sending");
  });

  app.post("/:id{[0-9]+}/schedule", async (c) => {
    const b = await getBroadcast(deps.db, Number(c.req.param("id")));
    if (!b) return c.notFound();
    if (!mayTarget(c, b.audience)) return back(c, b.id, "allAdminOnly");
    const at = parseJstLocal(String((await c.req.parseBody()).at ?? ""));
    if (!at || at <= deps.clock.now()) return back(c, b.id, "badTime");
    if (!(await scheduleBroadcast(deps.db, b.id, at))) return back(c, b.id, "notChangeable");
    await audit(c, "broadcast.schedule", b.id, { at: at.toISOString() });
    return back(c, b.id, isWithinPushHours(at, pushHours) ? "scheduled" : "scheduledNight");
  });

  app.post("/:id{[0-9]+}/cancel", async (c) => {
    const id = Number(c.req.param("id"));
    const b = await getBroadcast(deps.db, id);
    if (!b) return c.notFound();
    // Stopping a broadcast to everyone is the admin's decision, like sending one.
    if (!mayTarget(c, b.audience)) return back(c, id, "allAdminOnly");
    if (!(await cancelBroadcast(deps.db, id, deps.clock.now()))) return back(c, id, "notChangeable");
    await audit(c, "broadcast.cancel", id);
    return back(c, id, "cancelled");
  });
  return app;
}

export interface AudienceReach {
  count: number | null;
  text: string;
  overQuota: boolean;
}

async function audienceReach(
  options: AdminOptions,
  role: StaffRole,
  input: ComposeInput,
): Promise<AudienceReach> {
  const audience = audienceOf(input);
  if (!audience) return { count: null, text: "宛先を選んでください。", overQuota: false };
  if (audience.kind === "all" && role !== "admin")
    return { count: null, text: "全員への配信は管理者のみが行えます。", overQuota: false };
  const [count, quota] = await Promise.all([
    countRecipients(options.deps.db, audience),
    options.quota?.get().catch(() => null) ?? null,
  ]);
  const left = quota && quota.limit !== null ? Math.max(0, quota.limit - quota.used) : null;
  const overQuota = left !== null && count > left;
  const quotaText =
    quota === null
      ? ""
      : left === null
        ? "（今月の送信数に上限はありません）"
        : `（今月の残り ${formatNumber(left)} 通）`;
  const text = `${describeAudience(audience)}：いま ${formatNumber(count)} 人${quotaText}${overQuota ? "。残り通数を超えています" : ""}`;
  return { count, text, overQuota };
}

/** Staff may send to segments; everyone at once is for admins. */
function mayTarget(c: Context<AdminEnv>, audienceJson: string): boolean {
  return c.get("staff").role === "admin" || parseAudience(audienceJson)?.kind !== "all";
}

function back(c: Context<AdminEnv>, id: number, done: string) {
  return c.redirect(`/admin/broadcasts/${id}?done=${done}`, 303);
}

async function detail(c: Context<AdminEnv>, options: AdminOptions) {
  const { db, clock } = options.deps;
  const broadcast = await getBroadcast(db, Number(c.req.param("id")));
  if (!broadcast) return c.notFound();
  const audience = parseAudience(broadcast.audience);
  const [liveCount, figures, quota] = await Promise.all([
    audience ? countRecipients(db, audience) : 0,
    chunkFigures(db, broadcast.id),
    options.quota?.get().catch(() => null) ?? null,
  ]);
  return c.html(
    <BroadcastDetailPage
      staff={c.get("staff")}
      broadcast={broadcast}
      composition={compositionOf(JSON.parse(broadcast.messages) as LineMessage[])}
      audienceLabel={describeAudience(audience)}
      liveCount={liveCount}
      figures={figures}
      quota={quota}
      now={clock.now()}
      flash={FLASHES[c.req.query("done") ?? ""] ?? null}
    />,
  );
}
