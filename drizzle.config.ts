import { defineConfig } from "drizzle-kit";

// Only `generate` runs through drizzle-kit; migrations are applied by the app (both drivers).
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/server/db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
  migrations: { prefix: "timestamp" },
});
