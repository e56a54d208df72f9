import type { Tx } from "@/server/db/client";

/** Where normalised rows of one stored event belong. */
export interface WriteContext {
  tx: Tx;
  appId: string;
  customerId: string;
  eventId: string;
  /** When the callback happened (event time, else Sinch's accept time, else receipt). */
  at: Date;
}
