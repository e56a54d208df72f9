import { channelInput, latestOutput, runSchema } from "@/server/api/routers/diagnostics/schemas";
import { latestDiagnosis } from "@/server/services/diagnostics/latest";
import { runDiagnosis } from "@/server/services/diagnostics/run";
import { defineRoute } from "../route";
import { customerParams, requireCustomer } from "./scope";

const params = customerParams.extend({ channel: channelInput });

export const diagnosticsRoutes = [
  defineRoute({
    method: "POST",
    path: "/customers/{customerId}/channels/{channel}/diagnostics",
    operationId: "runDiagnosis",
    summary: "Diagnose the channel now (Sinch and Meta checks), with who must fix what",
    tag: "Diagnostics",
    params,
    status: 201,
    response: runSchema,
    errors: [502],
    handler: async ({ db, actor }, { params }) => {
      await requireCustomer(db, params.customerId);
      return runDiagnosis(db, actor, { customerId: params.customerId, channel: params.channel, trigger: "manual" });
    },
  }),
  defineRoute({
    method: "GET",
    path: "/customers/{customerId}/channels/{channel}/diagnostics/latest",
    operationId: "latestDiagnosis",
    summary: "The channel's latest diagnosis and recent history (no outside call)",
    tag: "Diagnostics",
    params,
    status: 200,
    response: latestOutput,
    handler: ({ db }, { params }) => latestDiagnosis(db, params.customerId, params.channel),
  }),
];
