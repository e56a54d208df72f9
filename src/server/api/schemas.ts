import { z } from "zod";

/**
 * A date filter bounded to what Postgres and the product can use: `z.date()` alone accepts years
 * such as -200000, which the database rejects (an internal error instead of a 400).
 */
export const dateFilter = z
  .date()
  .min(new Date("2000-01-01T00:00:00Z"), "Choose a date after 2000.")
  .max(new Date("2100-01-01T00:00:00Z"), "Choose a date before 2100.");
