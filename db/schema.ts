// The single source of truth for the database: one schema for libSQL (file, Turso) and D1.
// Migrations in db/migrations are generated from it by drizzle-kit (`npm run db:generate`).
// Times are ISO-8601 UTC strings so they sort and compare as text on every driver.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** One row per LINE user who ever followed the account. */
export const members = sqliteTable(
  "members",
  {
    userId: text("user_id").primaryKey(),
    status: text("status", { enum: ["active", "inactive"] })
      .notNull()
      .default("active"),
    journeyStep: text("journey_step"),
    /** 対象外（届出）: the reason the member gave (age70, closing, …); null when not exempt. */
    exemption: text("exemption"),
    exemptedAt: text("exempted_at"),
    /** 所属機関, kept in clear for segmenting broadcasts (not personal on its own). */
    affiliation: text("affiliation"),
    /** Confirmed registration answers (JSON, encrypted when a key is configured). */
    registration: text("registration"),
    followedAt: text("followed_at"),
    unfollowedAt: text("unfollowed_at"),
    lastSeenAt: text("last_seen_at"),
    /** When the member asked for no more journey reminders or nudges (「通知を止めたい」); null: they are on. */
    remindersOffAt: text("reminders_off_at"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("members_journey_step").on(t.journeyStep), index("members_status").on(t.status)],
);

/** The conversation state of a member: one JSON document with an optimistic version. */
export const conversations = sqliteTable("conversations", {
  userId: text("user_id").primaryKey(),
  state: text("state").notNull(),
  version: integer("version").notNull().default(0),
  updatedAt: text("updated_at").notNull(),
});

/**
 * Each webhook event processed, written in the same batch as the state change it caused.
 * The primary key makes redeliveries no-ops; (user_id, user_version) makes two racing events of
 * one member collide so the loser retries on fresh state.
 */
export const processedEvents = sqliteTable(
  "processed_events",
  {
    webhookEventId: text("webhook_event_id").primaryKey(),
    userId: text("user_id").notNull(),
    userVersion: integer("user_version").notNull(),
    processedAt: text("processed_at").notNull(),
  },
  (t) => [
    uniqueIndex("processed_events_user_version").on(t.userId, t.userVersion),
    index("processed_events_at").on(t.processedAt),
  ],
);

/** When each journey step was reached, and who said so. */
export const journeyEvents = sqliteTable(
  "journey_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id").notNull(),
    step: text("step").notNull(),
    source: text("source", { enum: ["member", "staff", "bot"] }).notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("journey_events_user").on(t.userId, t.at)],
);

/** Push reminders; each (member, kind) at most once. */
export const reminders = sqliteTable(
  "reminders",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    kind: text("kind").notNull(),
    dueAt: text("due_at").notNull(),
    status: text("status", { enum: ["pending", "sending", "sent", "cancelled", "failed"] })
      .notNull()
      .default("pending"),
    /** X-Line-Retry-Key reused if a crashed run sends it again. */
    retryKey: text("retry_key").notNull(),
    claimedAt: text("claimed_at"),
    sentAt: text("sent_at"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("reminders_user_kind").on(t.userId, t.kind),
    index("reminders_due").on(t.status, t.dueAt),
  ],
);

/** Questions handed over to a person. */
export const inquiries = sqliteTable(
  "inquiries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id").notNull(),
    question: text("question").notNull(),
    status: text("status", { enum: ["open", "answered", "closed"] })
      .notNull()
      .default("open"),
    answer: text("answer"),
    /** The answering staff member's display name, as signed to the member. */
    answeredBy: text("answered_by"),
    createdAt: text("created_at").notNull(),
    answeredAt: text("answered_at"),
    /** When the staff LINE group was told about it (null: not configured, or not yet). */
    staffNotifiedAt: text("staff_notified_at"),
  },
  // By member: 「返事まだ？」 needs the member's latest answer on every such event.
  (t) => [
    index("inquiries_status").on(t.status, t.createdAt),
    index("inquiries_user").on(t.userId, t.answeredAt),
  ],
);

/** Questions the FAQ could not answer, without personal data, so staff can add entries. */
export const unansweredQuestions = sqliteTable("unanswered_questions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  question: text("question").notNull(),
  createdAt: text("created_at").notNull(),
});

/** The association's member roster imported by staff (registration number → clinic). */
export const roster = sqliteTable("roster", {
  registrationNumber: text("registration_number").primaryKey(), // e.g. 協1101234-5-6
  clinicName: text("clinic_name").notNull(),
  ownerName: text("owner_name"),
  importedAt: text("imported_at").notNull(),
});

/**
 * Which LINE member a roster row is: matched when the member's confirmed 登録記号番号 is in the
 * roster, or linked by staff by hand. One member per row, one row per member.
 */
export const rosterLinks = sqliteTable(
  "roster_links",
  {
    registrationNumber: text("registration_number").primaryKey(),
    userId: text("user_id").notNull(),
    source: text("source", { enum: ["member", "staff"] }).notNull(),
    at: text("at").notNull(),
  },
  (t) => [uniqueIndex("roster_links_user").on(t.userId)],
);

export const staffUsers = sqliteTable("staff_users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  loginId: text("login_id").notNull().unique(),
  displayName: text("display_name").notNull(),
  role: text("role", { enum: ["admin", "staff"] }).notNull(),
  passwordHash: text("password_hash").notNull(),
  createdAt: text("created_at").notNull(),
});

/**
 * Failed staff sign-ins, counted per key ("login:<sha256>", "ip:<address>", "pair:<sha256>") for any
 * login id typed, known or not: the delay after each failure grows up to a cap, nothing is locked.
 */
export const signInThrottle = sqliteTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  /** No attempt under this key is checked before this time. */
  blockedUntil: text("blocked_until").notNull(),
  lastFailureAt: text("last_failure_at").notNull(),
});

/** Browsers a staff member signed in from (SHA-256 of a cookie): exempt from the per-login delay. */
export const staffDevices = sqliteTable(
  "staff_devices",
  {
    tokenHash: text("token_hash").primaryKey(),
    staffId: integer("staff_id").notNull(),
    lastUsedAt: text("last_used_at").notNull(),
  },
  (t) => [index("staff_devices_staff").on(t.staffId)],
);

/**
 * Keyed blind index of sealed member fields (HMAC-SHA256 under SEARCH_INDEX_KEY), so staff can find a
 * member by exact name or phone number without the database holding either in clear.
 */
export const memberSearchKeys = sqliteTable(
  "member_search_keys",
  {
    userId: text("user_id").notNull(),
    /**
     * "indexed" is a marker row: the member's answers have been indexed; its digest is the version
     * of the index ("" before given names and 登録記号番号 were indexed, then INDEX_VERSION).
     */
    kind: text("kind", {
      enum: ["name", "familyName", "givenName", "phone", "registrationNumber", "indexed"],
    }).notNull(),
    digest: text("digest").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.kind] }),
    index("member_search_keys_digest").on(t.kind, t.digest),
  ],
);

export const staffSessions = sqliteTable("staff_sessions", {
  /** SHA-256 of the cookie value, so a database leak does not leak sessions. */
  tokenHash: text("token_hash").primaryKey(),
  staffId: integer("staff_id").notNull(),
  csrfToken: text("csrf_token").notNull(),
  expiresAt: text("expires_at").notNull(),
  createdAt: text("created_at").notNull(),
});

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    staffId: integer("staff_id"),
    action: text("action").notNull(),
    target: text("target"),
    detail: text("detail"),
    at: text("at").notNull(),
  },
  (t) => [index("audit_log_at").on(t.at)],
);

export const memberNotes = sqliteTable("member_notes", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  userId: text("user_id").notNull(),
  staffId: integer("staff_id").notNull(),
  note: text("note").notNull(),
  at: text("at").notNull(),
});

export const broadcasts = sqliteTable("broadcasts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** The LINE messages to send, as JSON. */
  messages: text("messages").notNull(),
  /** Audience filter as JSON ({ kind: "all" } | { kind: "journeyStep", step } | …). */
  audience: text("audience").notNull(),
  status: text("status", {
    enum: ["draft", "scheduled", "sending", "sent", "cancelled", "failed"],
  }).notNull(),
  scheduledAt: text("scheduled_at"),
  recipientCount: integer("recipient_count"),
  sentCount: integer("sent_count").notNull().default(0),
  createdBy: integer("created_by"),
  createdAt: text("created_at").notNull(),
  startedAt: text("started_at"),
  finishedAt: text("finished_at"),
});

/** The fan-out plan of a broadcast, frozen when sending starts: resumable chunk by chunk. */
export const broadcastChunks = sqliteTable(
  "broadcast_chunks",
  {
    broadcastId: integer("broadcast_id").notNull(),
    seq: integer("seq").notNull(),
    userIds: text("user_ids").notNull(),
    retryKey: text("retry_key").notNull(),
    status: text("status", { enum: ["pending", "sending", "sent", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: text("sent_at"),
  },
  (t) => [primaryKey({ columns: [t.broadcastId, t.seq] })],
);

/** A tiny key/value table for operational marks (e.g. last retention run). */
export const meta = sqliteTable("meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: text("updated_at").notNull().default(sql`CURRENT_TIMESTAMP`),
});

/**
 * The FAQ knowledge staff edit in /admin/knowledge, over the reviewed seed in flows/faq: a row
 * overrides the seed entry with the same id (or adds a new one). `published` is what members are
 * answered from (null: the seed, or not yet live); `draft` a change waiting for an admin. Both are
 * the entry as JSON (flows/faq's shape plus `status`).
 */
export const knowledgeEntries = sqliteTable("knowledge_entries", {
  id: text("id").primaryKey(),
  published: text("published"),
  draft: text("draft"),
  draftBy: integer("draft_by"),
  draftAt: text("draft_at"),
  updatedAt: text("updated_at").notNull(),
});

/** Every change to the knowledge: who, when, what it was before and after (JSON, null = the seed / nothing). */
export const knowledgeRevisions = sqliteTable(
  "knowledge_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entryId: text("entry_id").notNull(),
    /** draft: a change proposed; publish: made live; revert: live content restored; discard: draft dropped. */
    action: text("action", { enum: ["draft", "publish", "revert", "discard"] }).notNull(),
    before: text("before"),
    after: text("after"),
    staffId: integer("staff_id"),
    at: text("at").notNull(),
  },
  (t) => [index("knowledge_revisions_entry").on(t.entryId, t.id)],
);

/**
 * How each member question was answered, for the answer-quality figures and the gap list: no member
 * id; the question (scrubbed, sealed) only when it was not answered directly.
 */
export const questionOutcomes = sqliteTable(
  "question_outcomes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    outcome: text("outcome", { enum: ["direct", "suggested", "none", "handover"] }).notNull(),
    /** The entry answered directly. */
    entryId: text("entry_id"),
    question: text("question"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("question_outcomes_at").on(t.createdAt)],
);
