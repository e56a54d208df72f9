import { z } from "zod";
import { channels, channelStateEnum, tokenTypeEnum } from "@/server/db/schema/channels";
import { META_LOCAL_STORAGE, SENDER_REGIONS } from "@/server/services/channels/requirements";

export const channelInput = z.enum(channels);
export const pageChannelInput = z.enum(["MESSENGER", "INSTAGRAM"]);

export const beginInput = z.object({
  channel: channelInput,
  tokenType: z.enum(["user", "system_user"]).optional(),
  region: z.enum(SENDER_REGIONS).optional(),
  metaLocalStorage: z.enum(META_LOCAL_STORAGE).optional(),
});
export const completeLoginInput = z.object({ channel: pageChannelInput, code: z.string().min(1).max(2000) });
export const sessionInput = z.object({ channel: pageChannelInput, sessionId: z.uuid() });
export const selectPageInput = sessionInput.extend({ pageId: z.string().regex(/^\d{1,30}$/, "Not a Page id") });
export const signupInput = z.object({
  code: z.string().min(1).max(2000),
  event: z.enum(["FINISH", "FINISH_ONLY_WABA", "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING"]),
  wabaId: z.string().regex(/^\d{1,30}$/),
  phoneNumberId: z.string().regex(/^\d{1,30}$/),
  businessId: z.string().regex(/^\d{1,30}$/).optional(),
  region: z.enum(SENDER_REGIONS),
  metaLocalStorage: z.enum(META_LOCAL_STORAGE),
});
export const abortInput = z.object({
  channel: channelInput,
  kind: z.enum(["cancel", "error"]),
  step: z.string().max(100).optional(),
  errorRef: z.string().max(100).optional(),
  /** Meta's Embedded Signup session id (for support), not a portal id. */
  metaSessionRef: z.string().max(100).optional(),
});

export const okOutput = z.object({ ok: z.literal(true) });

export const configOutput = z.object({
  appId: z.string(),
  configId: z.string(),
  solutionId: z.string().nullable(),
  sdkUrl: z.string(),
  graphVersion: z.string(),
  allowedOrigins: z.array(z.string()),
  permissions: z.array(z.object({ scope: z.string(), words: z.string() })),
});

/** Staff see asset and sender ids (support needs them); customers get `portalConnectionOutput`. */
export const connectionOutput = z.object({
  channel: channelInput,
  state: z.enum(channelStateEnum.enumValues),
  sinchStatus: z.string().nullable(),
  description: z.string().nullable(),
  fix: z.string().nullable(),
  pageId: z.string().nullable(),
  pageName: z.string().nullable(),
  igAccountId: z.string().nullable(),
  wabaId: z.string().nullable(),
  phoneNumberId: z.string().nullable(),
  displayPhoneNumber: z.string().nullable(),
  dataLocalizationRegion: z.string().nullable(),
  senderId: z.string().nullable(),
  senderState: z.string().nullable(),
  senderRegion: z.string().nullable(),
  metaLocalStorage: z.string().nullable(),
  tokenType: z.enum(tokenTypeEnum.enumValues).nullable(),
  waitingForSenderToken: z.boolean(),
  stateChangedAt: z.date().nullable(),
  stuck: z.boolean(),
});
export const portalConnectionOutput = connectionOutput.pick({
  channel: true,
  state: true,
  sinchStatus: true,
  description: true,
  fix: true,
  pageName: true,
  displayPhoneNumber: true,
  dataLocalizationRegion: true,
  senderState: true,
  senderRegion: true,
  metaLocalStorage: true,
  tokenType: true,
  waitingForSenderToken: true,
  stateChangedAt: true,
  stuck: true,
});

export const getOutput = z.object({ config: configOutput, connection: connectionOutput, customerName: z.string() });
export const portalGetOutput = z.object({ config: configOutput, connection: portalConnectionOutput, customerName: z.string() });

export const loginOutput = z.discriminatedUnion("status", [
  z.object({ status: z.literal("ok"), sessionId: z.uuid(), tokenType: z.enum(["user", "system_user"]) }),
  z.object({ status: z.literal("missing_permissions"), missing: z.array(z.object({ scope: z.string(), words: z.string() })) }),
]);

export const pagesOutput = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    source: z.enum(["direct", "business_owned", "business_client"]),
    connectedTo: z.enum(["this_app", "another_app"]).nullable(),
    instagram: z.object({ id: z.string() }).nullable(),
    problem: z.string().nullable(),
  }),
);
export const selectPageOutput = z.object({ pageId: z.string(), pageName: z.string(), igAccountId: z.string().nullable() });
