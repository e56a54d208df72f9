import { z } from "zod";
import { createCustomerInput, detailOutput, listInput, listOutput } from "@/server/api/routers/customers/schemas";
import { setArchived } from "@/server/services/customers/archive";
import { createCustomer } from "@/server/services/customers/create-flow";
import { getCustomerDetail } from "@/server/services/customers/detail";
import { listCustomers } from "@/server/services/customers/queries";
import { runSetup } from "@/server/services/customers/setup-runner";
import { decodeCursor, encodeCursor, listOf, offsetCursor, pageQuery } from "../pagination";
import { defineRoute } from "../route";
import { customerParams, queryBoolean } from "./scope";

const filters = listInput.pick({ search: true, region: true, channel: true, health: true, stage: true });
const listQuery = filters.extend({ archived: queryBoolean.optional() }).extend(pageQuery.shape);
const customerItem = listOutput.shape.rows.element;

/** Create answers the customer after its Sinch setup ran (or stopped at a step, see `setupStatus`). */
const createdOutput = z.object({ customer: detailOutput, setup: z.object({ status: z.enum(["ready", "in_progress", "needs_attention"]), step: z.string().optional(), code: z.string().optional(), message: z.string().optional() }) });

export const customerRoutes = [
  defineRoute({
    method: "GET",
    path: "/customers",
    operationId: "listCustomers",
    summary: "List customers, newest activity first, with filters",
    tag: "Customers",
    query: listQuery,
    status: 200,
    response: listOf(customerItem),
    handler: async ({ db, now }, { query }) => {
      const { o } = decodeCursor(query.cursor, offsetCursor) ?? { o: 0 };
      const { cursor: _cursor, limit, ...filter } = query;
      // The service pages by number: read the page holding the offset (and the next one when the
      // limit changed between calls), then cut the window out.
      const page = Math.floor(o / limit) + 1;
      const skip = o - (page - 1) * limit;
      const first = await listCustomers(db, { ...filter, page, pageSize: limit }, now());
      const rows = skip ? [...first.rows, ...(await listCustomers(db, { ...filter, page: page + 1, pageSize: limit }, now())).rows] : first.rows;
      const data = rows.slice(skip, skip + limit);
      const next = o + data.length;
      return { data, next_cursor: data.length && next < first.total ? encodeCursor({ o: next }) : null };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/customers",
    operationId: "createCustomer",
    summary: "Create a customer and run its Sinch setup (project, app, signed webhook)",
    tag: "Customers",
    body: createCustomerInput,
    status: 201,
    response: createdOutput,
    handler: async ({ db, actor, now }, { body }) => {
      const { customerId } = await createCustomer(db, actor, body);
      const setup = await runSetup(db, actor, customerId);
      return { customer: await getCustomerDetail(db, customerId, now()), setup };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/customers/{customerId}",
    operationId: "getCustomer",
    summary: "A customer with its setup steps, channels and access",
    tag: "Customers",
    params: customerParams,
    status: 200,
    response: detailOutput,
    handler: ({ db, now }, { params }) => getCustomerDetail(db, params.customerId, now()),
  }),
  defineRoute({
    method: "POST",
    path: "/customers/{customerId}/setup",
    operationId: "runCustomerSetup",
    summary: "Run (or resume) the customer's Sinch setup; safe to call again",
    tag: "Customers",
    params: customerParams,
    body: z.object({ replaceWebhookId: z.string().min(1).max(200).optional() }),
    status: 200,
    response: createdOutput,
    handler: async ({ db, actor, now }, { params, body }) => {
      const setup = await runSetup(db, actor, params.customerId, { replaceWebhookId: body.replaceWebhookId });
      return { customer: await getCustomerDetail(db, params.customerId, now()), setup };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/customers/{customerId}/archive",
    operationId: "archiveCustomer",
    summary: "Archive a customer (hidden from lists; nothing is deleted)",
    tag: "Customers",
    params: customerParams,
    status: 200,
    response: detailOutput,
    handler: async ({ db, actor, now }, { params }) => {
      await setArchived(db, actor, params.customerId, true);
      return getCustomerDetail(db, params.customerId, now());
    },
  }),
];
