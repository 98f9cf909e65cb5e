// The figures on the staff dashboard, each one aggregate query (no personal fields).
import { and, eq, gte, isNotNull, isNull, lte, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import type { Database } from "./database.js";

export interface DashboardFigures {
  /** Active members per journey step, exempt members left out; null is "not started". */
  perStep: Array<{ step: string | null; count: number }>;
  activeMembers: number;
  /** Active members who reported 対象外（届出） (not counted in perStep: each member once). */
  exemptMembers: number;
  inactiveMembers: number;
  newFollows7d: number;
  openInquiries: number;
  remindersNext24h: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function dashboardFigures(db: Database, now: Date): Promise<DashboardFigures> {
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  const dayAhead = new Date(now.getTime() + DAY_MS).toISOString();
  const m = schema.members;
  const [perStep, statuses, follows, inquiries, reminders, exempt] = await db.batch([
    db
      .select({ step: m.journeyStep, count: sql<number>`count(*)` })
      .from(m)
      .where(and(eq(m.status, "active"), isNull(m.exemption)))
      .groupBy(m.journeyStep),
    db.select({ status: m.status, count: sql<number>`count(*)` }).from(m).groupBy(m.status),
    db
      .select({ count: sql<number>`count(*)` })
      .from(m)
      // Only those still friends: a member who followed and blocked since is not a new friend.
      .where(and(eq(m.status, "active"), gte(sql`coalesce(${m.followedAt}, ${m.createdAt})`, weekAgo))),
    db
      .select({ count: sql<number>`count(*)` })
      .from(schema.inquiries)
      .where(eq(schema.inquiries.status, "open")),
    db
      .select({ count: sql<number>`count(*)` })
      .from(schema.reminders)
      .where(
        and(
          eq(schema.reminders.status, "pending"),
          gte(schema.reminders.dueAt, now.toISOString()),
          lte(schema.reminders.dueAt, dayAhead),
        ),
      ),
    db
      .select({ count: sql<number>`count(*)` })
      .from(m)
      .where(and(eq(m.status, "active"), isNotNull(m.exemption))),
  ]);
  const byStatus = new Map(statuses.map((s) => [s.status, Number(s.count)]));
  return {
    perStep: perStep.map((r) => ({ step: r.step, count: Number(r.count) })),
    activeMembers: byStatus.get("active") ?? 0,
    exemptMembers: Number(exempt[0]?.count ?? 0),
    inactiveMembers: byStatus.get("inactive") ?? 0,
    newFollows7d: Number(follows[0]?.count ?? 0),
    openInquiries: Number(inquiries[0]?.count ?? 0),
    remindersNext24h: Number(reminders[0]?.count ?? 0),
  };
}
