// The floor for `bench:ingest`: the same Next.js version with one route handler that only reads the
// body and answers 200. Whatever the portal's receiver does on top of Next costs what it adds to this.
import path from "node:path";

export default { poweredByHeader: false, turbopack: { root: path.resolve(import.meta.dirname, "../..") } };
