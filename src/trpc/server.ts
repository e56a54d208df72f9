import "server-only";
import { cache } from "react";
import { createCaller } from "@/server/api/root";
import { createRequestContext } from "@/server/api/request-context";

/** A tRPC caller for server components: same procedures, same permission checks. */
export const serverApi = cache(async () => createCaller(await createRequestContext()));
