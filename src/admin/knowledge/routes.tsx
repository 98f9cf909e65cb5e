// /admin/knowledge: staff edit the FAQ knowledge. A staff change is a draft; an admin publishes it
// (warned first when the held-out evaluation would drop), and the answerer is rebuilt at once. Every
// change keeps its history (revertible) and its audit entry (src/store/knowledge.ts).
import { type Context, Hono } from "hono";
import { FAQ_ENTRIES } from "../../../flows/faq/index.js";
import { retention } from "../../../flows/retention.js";
import { understanding } from "../../../flows/understanding.js";
import { createOfflineAnswerer, type OfflineAnswerer } from "../../answerer/offline/index.js";
import { faqReplies } from "../../answerer/replies.js";
import { scrubPersonal } from "../../engine/privacy.js";
import { createInterpreter } from "../../engine/understand/interpret.js";
import type { KnowledgeEntry } from "../../knowledge/entry.js";
import { staleSources } from "../../knowledge/entry.js";
import { groupGaps } from "../../knowledge/gaps.js";
import { createLiveKnowledge, type LiveKnowledge } from "../../knowledge/live.js";
import {
  answerableEntries,
  type ComposedEntry,
  composeKnowledge,
  discardDraft,
  entryHistory,
  knowledgeRows,
  publishEntry,
  revisionById,
  saveDraft,
} from "../../store/knowledge.js";
import { gapQuestions } from "../../store/question-outcomes.js";
import { requireAdmin } from "../auth/guard.js";
import type { AdminEnv, AdminOptions } from "../deps.js";
import type { Flash } from "../pages/layout.js";
import { entryFromForm, formOf, newEntryId, readForm } from "./form.js";
import { GapsPage, type ListedGap } from "./gaps-page.js";
import { EntryFormPage, EntryPage, KnowledgeListPage, type ListedEntry, type ListFilter } from "./pages.js";
import { type TryOutcome, TryPage } from "./try-page.js";

const ID = "{[a-z0-9]+(?:-[a-z0-9]+)*}";
const MAX_GROUPS = 100;
const MAX_TRY = 600;

const FLASHES: Record<string, Flash> = {
  draft: { kind: "ok", text: "下書きとして保存しました。管理者が公開すると、会員への回答に使われます。" },
  published: { kind: "ok", text: "公開しました。次の質問から、この内容で回答します。" },
  reverted: { kind: "ok", text: "元の内容に戻して公開しました。次の質問から、この内容で回答します。" },
  revertDraft: { kind: "ok", text: "元の内容を下書きにしました。管理者が公開すると反映されます。" },
  discarded: { kind: "ok", text: "下書きを取り下げました。" },
  noDraft: {
    kind: "error",
    text: "公開する下書きがありません（ほかの方が先に公開したか、取り下げた可能性があります）。",
  },
  phrasing: {
    kind: "ok",
    text: "質問の言い方を追加した下書きを保存しました。管理者が公開すると、この質問にすぐ回答します。",
  },
  already: { kind: "error", text: "その言い方は、この項目にすでにあります。" },
  badPhrasing: { kind: "error", text: "追加する言い方を1〜200文字で入力し、項目を選んでください。" },
};

export function knowledgeRoutes(options: AdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const { deps } = options;
  const reviewDays = options.knowledgeReviewDays ?? 365;
  const interpreter = createInterpreter(understanding);
  // Built only when used: the Worker makes the app per request, and an index costs ~0.4 s of CPU on Node (about 4,700 phrasings).
  let fallback: LiveKnowledge | undefined;
  /** The bot's live knowledge; a staff area mounted without a bot (tests) keeps its own. */
  const live = (): LiveKnowledge => {
    if (deps.knowledge) return deps.knowledge;
    fallback ??= createLiveKnowledge(FAQ_ENTRIES, { watchDatabase: true });
    return fallback;
  };
  /** The index members are answered from now (read again if another instance published). */
  const current = async () => {
    await live().sync(deps.db);
    return live().answerer();
  };
  const composed = async () => composeKnowledge(live().seed, await knowledgeRows(deps.db));
  const find = async (id: string) => (await composed()).find((c) => c.id === id) ?? null;
  const staleOf = (c: ComposedEntry) => {
    const shown = c.live ?? c.draft;
    return shown && shown.status === "published" ? staleSources(shown, deps.clock.now(), reviewDays) : [];
  };

  app.get("/", async (c) => {
    const all: ListedEntry[] = (await composed()).map((x) => ({ composed: x, stale: staleOf(x) }));
    const f = c.req.query("filter");
    const filter: ListFilter = f === "drafts" || f === "review" ? f : "all";
    const counts = {
      all: all.length,
      drafts: all.filter((e) => e.composed.draft).length,
      review: all.filter((e) => e.stale.length > 0).length,
    };
    const entries = all.filter((e) =>
      filter === "drafts" ? e.composed.draft : filter === "review" ? e.stale.length > 0 : true,
    );
    return c.html(
      <KnowledgeListPage
        staff={c.get("staff")}
        entries={entries}
        filter={filter}
        counts={counts}
        reviewDays={reviewDays}
        flash={FLASHES[c.req.query("done") ?? ""] ?? null}
      />,
    );
  });

  app.get("/try", async (c) => {
    const question = (c.req.query("q") ?? "").slice(0, MAX_TRY).trim();
    const all = await composed();
    const drafts = all.filter((x) => x.draft).length;
    const outcome = (answerer: OfflineAnswerer): TryOutcome => {
      const asked = interpreter.withoutOpeners(question);
      const result = answerer.answer(asked);
      return {
        result,
        replies: faqReplies(result),
        ranked: answerer.rank(asked, 5),
        thresholds: answerer.thresholds,
      };
    };
    return c.html(
      <TryPage
        staff={c.get("staff")}
        question={question}
        drafts={drafts}
        live={question ? outcome(await current()) : null}
        withDrafts={
          question && drafts > 0 ? outcome(createOfflineAnswerer(answerableEntries(all, true))) : null
        }
      />,
    );
  });

  app.get("/gaps", async (c) => {
    const now = deps.clock.now();
    const days = retention.unansweredQuestionDays;
    const since = new Date(now.getTime() - days * 86_400_000);
    const groups = groupGaps(await gapQuestions(deps.db, deps.cipher, since));
    const answerer = await current();
    const listed: ListedGap[] = groups.map((group) => {
      const asked = interpreter.withoutOpeners(group.question);
      const result = answerer.answer(asked);
      return {
        group,
        nearestId: answerer.rank(asked, 5).find((m) => !m.outside)?.entry.id ?? null,
        now: result.kind,
        nowLabel: result.kind === "confident" ? result.entry.label : null,
      };
    });
    const showSolved = c.req.query("all") === "1";
    const shown = listed.filter((g) => showSolved || g.now !== "confident").slice(0, MAX_GROUPS);
    const all = await composed();
    const entries = all.flatMap((x) => {
      const e = x.draft ?? x.live;
      return e ? [{ id: x.id, label: e.label }] : [];
    });
    return c.html(
      <GapsPage
        staff={c.get("staff")}
        gaps={shown}
        entries={entries}
        days={days}
        showSolved={showSolved}
        solved={listed.filter((g) => g.now === "confident").length}
        flash={FLASHES[c.req.query("done") ?? ""] ?? null}
      />,
    );
  });

  app.post("/gaps/phrasing", async (c) => {
    const body = await c.req.parseBody();
    // Scrubbed when it was stored; scrubbed again, since staff may have typed into it.
    const question = scrubPersonal(String(body.question ?? "").trim(), []);
    const entry = await find(String(body.entryId ?? ""));
    const base = entry?.draft ?? entry?.live;
    if (!entry || !base || question.length === 0 || question.length > 200)
      return c.redirect("/admin/knowledge/gaps?done=badPhrasing", 303);
    if (base.questions.includes(question))
      return c.redirect(`/admin/knowledge/${entry.id}?done=already`, 303);
    const staff = c.get("staff");
    await saveDraft(
      deps.db,
      entry,
      { ...base, questions: [...base.questions, question] },
      staff,
      deps.clock.now(),
    );
    return c.redirect(`/admin/knowledge/${entry.id}?done=phrasing`, 303);
  });

  app.get("/new", (c) => {
    const question = scrubPersonal((c.req.query("question") ?? "").slice(0, 200).trim(), []);
    return c.html(
      <EntryFormPage
        staff={c.get("staff")}
        id={null}
        form={{ ...formOf(null), questions: question }}
        errors={[]}
      />,
    );
  });

  app.post("/new", async (c) => {
    const body = await c.req.parseBody();
    const form = readForm(body);
    const staff = c.get("staff");
    const id = newEntryId(deps.clock.now());
    const made = entryFromForm(id, form, null);
    if ("errors" in made)
      return c.html(<EntryFormPage staff={staff} id={null} form={form} errors={made.errors} />, 422);
    await saveDraft(deps.db, null, made.entry, staff, deps.clock.now());
    return afterSave(c, id, staff.role === "admin" && body.intent === "publish");
  });

  app.get(`/:id${ID}`, async (c) => {
    const entry = await find(c.req.param("id"));
    if (!entry) return c.notFound();
    const warn = /^(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/.exec(c.req.query("warn") ?? "");
    return c.html(
      <EntryPage
        staff={c.get("staff")}
        composed={entry}
        stale={staleOf(entry)}
        history={await entryHistory(deps.db, entry.id)}
        reviewDays={reviewDays}
        flash={FLASHES[c.req.query("done") ?? ""] ?? null}
        warning={warn && entry.draft ? { before: Number(warn[1]), after: Number(warn[2]) } : null}
      />,
    );
  });

  app.get(`/:id${ID}/edit`, async (c) => {
    const entry = await find(c.req.param("id"));
    const base = entry?.draft ?? entry?.live;
    if (!entry || !base) return c.notFound();
    return c.html(<EntryFormPage staff={c.get("staff")} id={entry.id} form={formOf(base)} errors={[]} />);
  });

  app.post(`/:id${ID}`, async (c) => {
    const entry = await find(c.req.param("id"));
    const base = entry?.draft ?? entry?.live;
    if (!entry || !base) return c.notFound();
    const body = await c.req.parseBody();
    const form = readForm(body);
    const staff = c.get("staff");
    const made = entryFromForm(entry.id, form, base);
    if ("errors" in made)
      return c.html(<EntryFormPage staff={staff} id={entry.id} form={form} errors={made.errors} />, 422);
    await saveDraft(deps.db, entry, made.entry, staff, deps.clock.now());
    return afterSave(c, entry.id, staff.role === "admin" && body.intent === "publish");
  });

  app.post(`/:id${ID}/publish`, requireAdmin(), async (c) => {
    const body = await c.req.parseBody();
    return publish(c, c.req.param("id"), body.acceptLower === "1");
  });

  app.post(`/:id${ID}/discard`, async (c) => {
    const entry = await find(c.req.param("id"));
    if (!entry) return c.notFound();
    const done = (await discardDraft(deps.db, entry, c.get("staff"), deps.clock.now()))
      ? "discarded"
      : "noDraft";
    return c.redirect(`/admin/knowledge/${entry.id}?done=${done}`, 303);
  });

  app.post(`/:id${ID}/revert/:rev{[0-9]+}`, async (c) => {
    const entry = await find(c.req.param("id"));
    const rev = await revisionById(deps.db, Number(c.req.param("rev")));
    if (!entry || !rev || rev.entryId !== entry.id || !rev.before) return c.notFound();
    const staff = c.get("staff");
    const restored: KnowledgeEntry = rev.before;
    if (staff.role !== "admin") {
      await saveDraft(deps.db, entry, restored, staff, deps.clock.now());
      return c.redirect(`/admin/knowledge/${entry.id}?done=revertDraft`, 303);
    }
    await publishEntry(deps.db, entry, restored, staff, deps.clock.now(), "revert");
    await live().reload(deps.db);
    return c.redirect(`/admin/knowledge/${entry.id}?done=reverted`, 303);
  });

  /** 「保存して公開」 is an admin's; anyone else's save is a draft. */
  const afterSave = (c: Context<AdminEnv>, id: string, thenPublish: boolean) =>
    thenPublish ? publish(c, id, false) : c.redirect(`/admin/knowledge/${id}?done=draft`, 303);

  async function publish(c: Context<AdminEnv>, id: string, acceptLower: boolean) {
    const all = await composed();
    const entry = all.find((x) => x.id === id);
    if (!entry) return c.notFound();
    if (!entry.draft) return c.redirect(`/admin/knowledge/${id}?done=noDraft`, 303);
    const draft = entry.draft;
    if (options.heldOut && !acceptLower) {
      const before = await options.heldOut.score(answerableEntries(all));
      const after = await options.heldOut.score(
        answerableEntries(all.map((x) => (x.id === id ? { ...x, live: draft, draft: null } : x))),
      );
      if (before !== null && after !== null && after < before)
        return c.redirect(`/admin/knowledge/${id}?warn=${before.toFixed(4)},${after.toFixed(4)}`, 303);
    }
    await publishEntry(deps.db, entry, draft, c.get("staff"), deps.clock.now());
    await live().reload(deps.db);
    return c.redirect(`/admin/knowledge/${id}?done=published`, 303);
  }

  return app;
}
