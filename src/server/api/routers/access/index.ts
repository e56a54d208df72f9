import { createTRPCRouter } from "@/server/api/trpc";
import { extend } from "./extend";
import { forCustomer } from "./for-customer";
import { invite } from "./invite";
import { list } from "./list";
import { resend } from "./resend";
import { revoke } from "./revoke";
import { timeline } from "./timeline";

/** Temporary customer access, staff side: invite, list, extend, resend, revoke, trail. */
export const accessRouter = createTRPCRouter({ invite, list, forCustomer, timeline, extend, resend, revoke });
