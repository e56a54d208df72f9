import { z } from "zod";
import { grantSchema, inviteInput, revokeInput } from "@/server/api/routers/access/schemas";
import { findGrant, inviteCustomer, revokeGrant } from "@/server/services/access/grants";
import { grantsForCustomer } from "@/server/services/access/queries";
import { decodeCursor, encodeCursor, listOf, offsetCursor, pageQuery } from "../pagination";
import { defineRoute } from "../route";
import { customerParams, requireCustomer, sameCustomer } from "./scope";

const grantParams = customerParams.extend({ grantId: z.uuid("Unknown access grant.") });

export const accessRoutes = [
  defineRoute({
    method: "GET",
    path: "/customers/{customerId}/access",
    operationId: "listAccess",
    summary: "The customer's access grants (temporary portal links), newest first",
    tag: "Access",
    params: customerParams,
    query: pageQuery,
    status: 200,
    response: listOf(grantSchema),
    handler: async ({ db, now }, { params, query }) => {
      const { o } = decodeCursor(query.cursor, offsetCursor) ?? { o: 0 };
      const { grants } = await grantsForCustomer(db, params.customerId, now());
      const data = grants.slice(o, o + query.limit);
      return { data, next_cursor: o + data.length < grants.length ? encodeCursor({ o: o + data.length }) : null };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/customers/{customerId}/access",
    operationId: "inviteCustomer",
    summary: "Invite the customer: a single-use, temporary link by email for the chosen channels",
    tag: "Access",
    params: customerParams,
    body: inviteInput.omit({ customerId: true }),
    status: 201,
    response: grantSchema,
    handler: async ({ db, actor, now }, { params, body }) => {
      await requireCustomer(db, params.customerId);
      return inviteCustomer(db, actor, { ...body, customerId: params.customerId }, now());
    },
  }),
  defineRoute({
    method: "POST",
    path: "/customers/{customerId}/access/{grantId}/revoke",
    operationId: "revokeAccess",
    summary: "End a live access grant now",
    tag: "Access",
    params: grantParams,
    body: revokeInput.omit({ grantId: true }),
    status: 200,
    response: grantSchema,
    handler: async ({ db, actor, now }, { params, body }) => {
      sameCustomer(await findGrant(db, params.grantId), params.customerId, "Access grant");
      return revokeGrant(db, actor, { grantId: params.grantId, reason: body.reason }, now());
    },
  }),
];
