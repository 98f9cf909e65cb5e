// The staff-edited FAQ knowledge over the seed: drafts, publishing, history and revert. Every change
// commits in one batch with its history row, its audit entry and (when members see it) a new
// knowledge version, which is how every runtime knows its answerer index is stale.
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import type { FaqEntry } from "../answerer/types.js";
import { fromSeed, type KnowledgeEntry, parseStored, toFaq } from "../knowledge/entry.js";
import type { Database, Statement } from "./database.js";
import { runBatch } from "./database.js";
import { type AuditAction, auditStatement } from "./staff-audit.js";

/** The meta row whose value is the knowledge version (also read by the conversation snapshot). */
export const KNOWLEDGE_VERSION_KEY = "knowledge_version";
const t = schema.knowledgeEntries;
const r = schema.knowledgeRevisions;

export type KnowledgeRow = typeof schema.knowledgeEntries.$inferSelect;

/** The knowledge version: bumped by every change members see (0 = never changed). */
export async function readKnowledgeVersion(db: Database): Promise<number> {
  const row = await db
    .select({ value: schema.meta.value })
    .from(schema.meta)
    .where(eq(schema.meta.key, KNOWLEDGE_VERSION_KEY))
    .get();
  return row ? Number(row.value) || 0 : 0;
}

function bumpVersion(db: Database, now: Date): Statement {
  return db
    .insert(schema.meta)
    .values({ key: KNOWLEDGE_VERSION_KEY, value: "1", updatedAt: now.toISOString() })
    .onConflictDoUpdate({
      target: schema.meta.key,
      set: {
        value: sql`cast(cast(${schema.meta.value} as integer) + 1 as text)`,
        updatedAt: now.toISOString(),
      },
    });
}

export async function knowledgeRows(db: Database): Promise<KnowledgeRow[]> {
  return db.select().from(t);
}

export async function knowledgeRow(db: Database, id: string): Promise<KnowledgeRow | undefined> {
  return db.select().from(t).where(eq(t.id, id)).get();
}

/** One entry as staff see it: what members get now, and the change waiting for an admin. */
export interface ComposedEntry {
  id: string;
  live: KnowledgeEntry | null;
  draft: KnowledgeEntry | null;
  seed: KnowledgeEntry | null;
  row?: KnowledgeRow;
}

/** The seed in its order, then staff's new entries; each with its live content and draft. */
export function composeKnowledge(seed: readonly FaqEntry[], rows: readonly KnowledgeRow[]): ComposedEntry[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const seedIds = new Set(seed.map((e) => e.id));
  const out: ComposedEntry[] = seed.map((e) => {
    const row = byId.get(e.id);
    const seeded = fromSeed(e);
    return {
      id: e.id,
      seed: seeded,
      live: parseStored(row?.published ?? null) ?? seeded,
      draft: parseStored(row?.draft ?? null),
      row,
    };
  });
  const added = rows.filter((row) => !seedIds.has(row.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const row of added)
    out.push({
      id: row.id,
      seed: null,
      live: parseStored(row.published),
      draft: parseStored(row.draft),
      row,
    });
  return out;
}

/** What members are answered from (drafts left out, or — for the staff's try-out — put in). */
export function answerableEntries(composed: readonly ComposedEntry[], withDrafts = false): FaqEntry[] {
  return composed
    .map((c) => (withDrafts ? (c.draft ?? c.live) : c.live))
    .filter((e): e is KnowledgeEntry => e !== null && e.status === "published")
    .map(toFaq);
}

export async function liveEntries(db: Database, seed: readonly FaqEntry[]): Promise<FaqEntry[]> {
  return answerableEntries(composeKnowledge(seed, await knowledgeRows(db)));
}

interface Actor {
  staffId: number;
}

function revision(
  db: Database,
  action: "draft" | "publish" | "revert" | "discard",
  entryId: string,
  before: KnowledgeEntry | null,
  after: KnowledgeEntry | null,
  actor: Actor,
  now: Date,
): Statement {
  return db.insert(r).values({
    entryId,
    action,
    before: before ? JSON.stringify(before) : null,
    after: after ? JSON.stringify(after) : null,
    staffId: actor.staffId,
    at: now.toISOString(),
  });
}

function audit(db: Database, action: AuditAction, entryId: string, actor: Actor, now: Date): Statement {
  return auditStatement(db, { staffId: actor.staffId, action, target: `faq:${entryId}` }, now);
}

function upsert(db: Database, id: string, set: Partial<KnowledgeRow>, now: Date): Statement {
  return db
    .insert(t)
    .values({ id, published: null, draft: null, ...set, updatedAt: now.toISOString() })
    .onConflictDoUpdate({ target: t.id, set: { ...set, updatedAt: now.toISOString() } });
}

/** A staff member's change, kept as a draft until an admin publishes it. */
export async function saveDraft(
  db: Database,
  current: ComposedEntry | null,
  entry: KnowledgeEntry,
  actor: Actor,
  now: Date,
): Promise<void> {
  const before = current?.draft ?? current?.live ?? null;
  await runBatch(db, [
    upsert(
      db,
      entry.id,
      { draft: JSON.stringify(entry), draftBy: actor.staffId, draftAt: now.toISOString() },
      now,
    ),
    revision(db, "draft", entry.id, before, entry, actor, now),
    audit(db, "knowledge.draft", entry.id, actor, now),
  ]);
}

/** Makes `entry` what members are answered from (an admin's publish, or a revert). */
export async function publishEntry(
  db: Database,
  current: ComposedEntry | null,
  entry: KnowledgeEntry,
  actor: Actor,
  now: Date,
  action: "publish" | "revert" = "publish",
): Promise<void> {
  const sameAsSeed = current?.seed && JSON.stringify(current.seed) === JSON.stringify(entry);
  await runBatch(db, [
    // Back to the seed's exact content: the override goes, so a reviewed seed update shows again.
    upsert(
      db,
      entry.id,
      { published: sameAsSeed ? null : JSON.stringify(entry), draft: null, draftBy: null, draftAt: null },
      now,
    ),
    revision(db, action, entry.id, current?.live ?? null, entry, actor, now),
    audit(db, `knowledge.${action}`, entry.id, actor, now),
    bumpVersion(db, now),
  ]);
}

export async function discardDraft(db: Database, current: ComposedEntry, actor: Actor, now: Date) {
  if (!current.draft) return false;
  await runBatch(db, [
    db
      .update(t)
      .set({ draft: null, draftBy: null, draftAt: null, updatedAt: now.toISOString() })
      .where(eq(t.id, current.id)),
    revision(db, "discard", current.id, current.draft, current.live, actor, now),
    audit(db, "knowledge.discard", current.id, actor, now),
  ]);
  return true;
}

export interface RevisionRow {
  id: number;
  entryId: string;
  action: "draft" | "publish" | "revert" | "discard";
  before: KnowledgeEntry | null;
  after: KnowledgeEntry | null;
  staffName: string | null;
  at: string;
}

export async function entryHistory(db: Database, entryId: string, limit = 50): Promise<RevisionRow[]> {
  const rows = await db
    .select({
      id: r.id,
      entryId: r.entryId,
      action: r.action,
      before: r.before,
      after: r.after,
      at: r.at,
      staffName: schema.staffUsers.displayName,
    })
    .from(r)
    .leftJoin(schema.staffUsers, eq(schema.staffUsers.id, r.staffId))
    .where(eq(r.entryId, entryId))
    .orderBy(desc(r.id))
    .limit(limit);
  return rows.map((row) => ({ ...row, before: parseStored(row.before), after: parseStored(row.after) }));
}

export async function revisionById(db: Database, id: number): Promise<RevisionRow | undefined> {
  const row = await db.select().from(r).where(eq(r.id, id)).get();
  if (!row) return undefined;
  return { ...row, staffName: null, before: parseStored(row.before), after: parseStored(row.after) };
}

/** Entries with a change waiting for an admin. */
export async function draftCount(db: Database): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(t)
    .where(and(isNotNull(t.draft)))
    .get();
  return Number(row?.n ?? 0);
}
