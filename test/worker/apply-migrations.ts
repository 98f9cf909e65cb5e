// Runs in workerd before each test file: applies db/migrations (read by the config in Node) to the
// local D1. Applied migrations are recorded in d1_migrations, so repeated runs are no-ops.
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
