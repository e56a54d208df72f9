/**
 * Our Conversation request bodies against the SDK's own request types (`@sinch/conversation` 1.4.0,
 * re-exported by `@sinch/sdk-core` as `Conversation`). Most checks are type-level: a body that stops
 * matching the SDK, or a required field dropped from one of ours, fails `tsc --noEmit` (tests/ is in
 * tsconfig's include). The runtime assertions make the same points visible in the test run.
 */
import type { Conversation } from "@sinch/sdk-core";
import { describe, expect, it } from "vitest";
import {
  createWebhookBody,
  updateWebhookRequest,
  type CreateWebhookBody,
  type UpdateWebhookBody,
  type UpdateWebhookMaskField,
  type WebhookTriggerName,
} from "@/server/integrations/sinch/request-bodies";

/** Compiles only when `U` is assignable to `T`. */
const assignable =
  <T>() =>
  <U extends T>(value: U): U =>
    value;
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
/** `true` only when every key the SDK requires is required in ours too. */
type KeepsRequired<Sdk, Ours> = [RequiredKeys<Sdk>] extends [RequiredKeys<Ours>] ? true : false;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const check = <T extends true>(): T => true as T;

// Webhook bodies are assignable to the SDK's and keep every field it requires.
check<KeepsRequired<Conversation.CreateWebhookRequestBody, CreateWebhookBody>>();
check<KeepsRequired<Conversation.UpdateWebhookRequestBody, UpdateWebhookBody>>();
// Ours is stricter than the SDK on update: app_id is required as well (sinch/sinch-sdk-node examples/.../webhooks/update.ts sends it).
check<Equal<RequiredKeys<UpdateWebhookBody>, "app_id" | "target">>();
check<Equal<RequiredKeys<CreateWebhookBody>, "app_id" | "target" | "target_type" | "secret" | "triggers">>();
// Trigger names are exactly the SDK's, less the one Sinch rejects.
check<Equal<WebhookTriggerName, Exclude<Conversation.WebhookTrigger, "UNSPECIFIED_TRIGGER">>>();
// The mask only names fields of the SDK's Webhook.
check<UpdateWebhookMaskField extends keyof Conversation.UpdateWebhookRequestBody ? true : false>();
// The request data the SDK's WebhooksApi.update takes accepts our body and mask as they are.
assignable<Conversation.UpdateWebhookRequestData>()({ webhook_id: "w", webhookUpdateRequestBody: {} as UpdateWebhookBody, update_mask: [] as UpdateWebhookMaskField[] });
assignable<Conversation.CreateWebhookRequestData>()({ webhookCreateRequestBody: {} as CreateWebhookBody });

describe("Conversation request bodies match the SDK's request types", () => {
  it("the webhook PATCH carries the stored app_id and target with a mask of only the changed fields", () => {
    const req = updateWebhookRequest({ appId: "01APP", target: "https://portal.example/api/webhooks/sinch/01APP", triggers: ["MESSAGE_INBOUND", "MESSAGE_INBOUND"] });
    const body = assignable<Conversation.UpdateWebhookRequestBody>()(req.body);
    expect(body).toEqual({ app_id: "01APP", target: "https://portal.example/api/webhooks/sinch/01APP", triggers: ["MESSAGE_INBOUND"] });
    expect(req.updateMask).toEqual(["triggers"]);
    expect(updateWebhookRequest({ appId: "01APP", target: "https://t.example/x", secret: "s".repeat(32) }).updateMask).toEqual(["secret"]);
  });

  it("refuses to build a PATCH without the stored app id or target, or with nothing to change", () => {
    expect(() => updateWebhookRequest({ appId: "", target: "https://t.example/x", secret: "s" })).toThrow(/app id and target/);
    expect(() => updateWebhookRequest({ appId: "01APP", target: "", secret: "s" })).toThrow(/app id and target/);
    expect(() => updateWebhookRequest({ appId: "01APP", target: "https://t.example/x" })).toThrow(/at least one field/);
    // @ts-expect-error -- appId and target are required inputs: a caller that drops them does not compile.
    expect(() => updateWebhookRequest({ triggers: ["MESSAGE_INBOUND"] })).toThrow();
  });

  it("the webhook create body is the SDK's CreateWebhookRequestBody", () => {
    const body = assignable<Conversation.CreateWebhookRequestBody>()(
      createWebhookBody({ appId: "01APP", target: "https://t.example/x", secret: "s".repeat(32), triggers: ["MESSAGE_DELIVERY"] }),
    );
    expect(body).toEqual({ app_id: "01APP", target: "https://t.example/x", target_type: "HTTP", secret: "s".repeat(32), triggers: ["MESSAGE_DELIVERY"] });
    // @ts-expect-error -- a body without target is not an SDK CreateWebhookRequestBody.
    assignable<Conversation.CreateWebhookRequestBody>()({ app_id: "01APP" });
  });
});
