import { z } from "zod";
import { ApiProblem } from "./problem";

export const MAX_LIMIT = 100;

/** `limit` and `cursor` query parameters shared by every list. */
export const pageQuery = z.object({
  limit: z.coerce.number().int("Use a whole number.").min(1, "At least 1.").max(MAX_LIMIT, `At most ${MAX_LIMIT}.`).default(25),
  cursor: z.string().max(500).optional().meta({ description: "The `next_cursor` of the previous page; opaque." }),
});

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }) });

/** Cursors are opaque to clients: base64url JSON, validated against the shape each list expects. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, shape: T): z.output<T> | undefined {
  if (cursor === undefined) return undefined;
  try {
    return shape.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new ApiProblem(400, "invalid-cursor", "The cursor is not one this API handed out.", { errors: { cursor: "Use the next_cursor of a previous page." } });
  }
}

/** Keyset cursors over (time, id), as the inbox services page. */
export const keysetCursor = z.object({ at: z.coerce.date(), id: z.uuid() });
export const encodeKeyset = (c: { at: Date; id: string } | null) => (c ? encodeCursor({ at: c.at.toISOString(), id: c.id }) : null);

/** Offset cursors for services that page by number (customers); still opaque to clients. */
export const offsetCursor = z.object({ o: z.number().int().min(0).max(1_000_000) });
