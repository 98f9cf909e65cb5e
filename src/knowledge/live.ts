// The answerer members are answered from, rebuilt when the knowledge changes. The engine keeps one
// FaqLookup (`lookup`) that always asks the current index. Node runs one process: a publish there
// rebuilds it at once (`reload`), so no database read per event. A Worker isolate cannot hear about a
// publish made in another isolate: before each event it reads the knowledge version stored in the
// database (`sync`, with the event's snapshot: no extra read), and rebuilds when it moved — no isolate answers from stale knowledge.
import { createOfflineAnswerer, type OfflineAnswerer } from "../answerer/offline/index.js";
import type { FaqEntry, FaqLookup } from "../answerer/types.js";
import type { Database } from "../store/database.js";
import { liveEntries, readKnowledgeVersion } from "../store/knowledge.js";

export interface LiveKnowledge {
  /** What the engine asks; always the current index. */
  readonly lookup: FaqLookup;
  /** The current index itself (ranking with scores, for the staff's try-out). */
  answerer(): OfflineAnswerer;
  /** The reviewed seed (flows/faq). */
  readonly seed: readonly FaqEntry[];
  /**
   * Before an event: rebuild if another instance changed the knowledge (Workers); Node: nothing.
   * `stored` is the version when the caller already read it (the event's snapshot carries it).
   */
  sync(db: Database, stored?: number): Promise<void>;
  /** After a change made here: rebuild from the database now. */
  reload(db: Database): Promise<void>;
}

export interface LiveKnowledgeOptions {
  /** Check the stored version before every event (Workers); off on Node, where `reload` suffices. */
  watchDatabase: boolean;
}

export function createLiveKnowledge(seed: readonly FaqEntry[], options: LiveKnowledgeOptions): LiveKnowledge {
  let current = createOfflineAnswerer([...seed]);
  /**
   * The version `current` was built from. Version 0 is the seed alone (every publish bumps it), so a
   * fresh isolate answers from the index built at load and rebuilds (~0.4 s of CPU on Node) only after a publish.
   */
  let version = 0;
  let loading: Promise<void> | null = null;

  const rebuild = async (db: Database, atVersion: number) => {
    const entries = await liveEntries(db, seed);
    // A newer rebuild may have finished while this one read: keep the newest.
    if (atVersion < version) return;
    current = createOfflineAnswerer(entries);
    version = atVersion;
  };

  const lookup: FaqLookup = {
    answer: (question) => current.answer(question),
    byId: (id) => current.byId(id),
  };

  return {
    lookup,
    answerer: () => current,
    seed,
    async sync(db, known) {
      if (!options.watchDatabase) return;
      const stored = known ?? (await readKnowledgeVersion(db));
      if (stored === version) return;
      // Events of one isolate arriving together share one rebuild.
      loading ??= rebuild(db, stored).finally(() => {
        loading = null;
      });
      await loading;
      if (version < stored) await rebuild(db, stored);
    },
    async reload(db) {
      await rebuild(db, await readKnowledgeVersion(db));
    },
  };
}
