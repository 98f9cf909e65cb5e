// The FAQ answerer's contract, shared by the offline retriever, the optional OpenAI phraser and the engine.

export interface FaqSource {
  /** e.g. 「説明会資料（埼玉県柔道整復師会 2024-02-12）」 or an official page title. */
  title: string;
  url?: string;
  /** Date the fact was true as of (YYYY-MM-DD), for facts that change with time. */
  asOf?: string;
}

export interface FaqEntry {
  id: string;
  /** Ways members ask it (the first is the canonical question, used as a label). */
  questions: string[];
  answer: string;
  source: FaqSource;
  /** Further sources when the answer joins facts of different dates (the subsidy cap and its closed window). */
  alsoFrom?: FaqSource[];
  /** Short label (≤ 20 chars) for a 「もしかして」 quick reply. */
  label: string;
  /** Optional buttons under the answer (e.g. 「登録をはじめる」 for the how-to-start entry). */
  choices?: FaqChoice[];
}

/** A topic the knowledge does not cover, and who can help with it. */
export interface OutsideRef {
  id: string;
  about: string;
  /** Who can help: the association, the official call centre, or nobody here (the weather). */
  contact: "association" | "callcentre" | "nobody";
  /** The topic's own reply, when it has one. */
  reply?: string;
  /** A catch-all of unanswered questions: a named topic close behind it is the one meant. */
  fallback?: boolean;
}

export type FaqResult =
  /** `related`: the next likeliest entries when they are close, offered as buttons under the answer. */
  | { kind: "confident"; entry: FaqEntry; score: number; related?: FaqEntry[] }
  | { kind: "unsure"; candidates: FaqEntry[] }
  /**
   * `outside`: the question is nearest to a topic the knowledge does not cover (flows/faq/outside.ts).
   * `near`: entries that only touch on it, offered after a person ("no answer, but perhaps one of these").
   */
  | { kind: "none"; outside?: OutsideRef; near?: FaqEntry[] };

/** Pure, synchronous, offline: the engine may call it while computing a step. */
export interface FaqLookup {
  answer(question: string): FaqResult;
  byId(id: string): FaqEntry | undefined;
}

/** A button shown under a confident answer (postback `a=<action>`), e.g. 「登録をはじめる」 → "reg.start". */
export interface FaqChoice {
  label: string;
  action: string;
}

/** One ranked match, for the evaluation and for the optional LLM phraser's context. */
export interface FaqMatch {
  entry: FaqEntry;
  score: number;
  /** Ids of entries that answer overlapping questions (flows/faq/siblings.ts). */
  siblings?: readonly string[];
  /** Set when the match is an out-of-scope topic, not an entry: never shown as an answer. */
  outside?: OutsideRef;
}
