// drizzle-kit: generates SQL migrations from db/schema.ts into db/migrations (used by Node and D1).
import type { Config } from "drizzle-kit";

export default {
  schema: "./db/schema.ts",
  out: "./db/migrations",
  dialect: "sqlite",
} satisfies Config;
