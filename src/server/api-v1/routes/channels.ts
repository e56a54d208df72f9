import { z } from "zod";
import * as wizard from "@/server/api/routers/channels/handlers";
import { channelInput, connectionOutput, signupInput } from "@/server/api/routers/channels/schemas";
import { channels } from "@/server/db/schema";
import { channelStatus } from "@/server/services/channels/view";
import { defineRoute } from "../route";
import { customerParams, requireCustomer } from "./scope";

export const channelRoutes = [
  defineRoute({
    method: "GET",
    path: "/customers/{customerId}/channels",
    operationId: "listChannels",
    summary: "The state of each channel (Instagram, Messenger, WhatsApp) of the customer",
    tag: "Channels",
    params: customerParams,
    status: 200,
    response: z.object({ data: z.array(connectionOutput) }),
    handler: async ({ db }, { params }) => {
      await requireCustomer(db, params.customerId);
      return { data: await Promise.all(channels.map((channel) => channelStatus(db, params.customerId, channel))) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/customers/{customerId}/channels/{channel}",
    operationId: "getChannel",
    summary: "One channel's state",
    tag: "Channels",
    params: customerParams.extend({ channel: channelInput }),
    status: 200,
    response: connectionOutput,
    handler: async ({ db }, { params }) => {
      await requireCustomer(db, params.customerId);
      return channelStatus(db, params.customerId, params.channel);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/customers/{customerId}/channels/whatsapp/sender",
    operationId: "startWhatsappSender",
    summary: "Start the WhatsApp sender for a WABA and phone number from a finished Embedded Signup (its code)",
    tag: "Channels",
    params: customerParams,
    body: signupInput,
    status: 201,
    response: connectionOutput,
    errors: [502],
    handler: ({ db, actor }, { params, body }) => wizard.signup({ db, actor, customerId: params.customerId }, body),
  }),
];
