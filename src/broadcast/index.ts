// Broadcast fan-out: what the entry points and the staff area use.
export { type Audience, AudienceSchema, audienceWhere, parseAudience } from "./audience.js";
export { type BroadcastDeps, MAX_CHUNK_ATTEMPTS, type RunOutcome, runBroadcast } from "./fanout.js";
export { buildMessages, type Composition, compositionOf, validateComposition } from "./messages.js";
export { runScheduledBroadcasts } from "./run.js";
