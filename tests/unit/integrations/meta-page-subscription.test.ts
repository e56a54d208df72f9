import { describe, expect, it } from "vitest";
import { missingPermissionsFor, pageSubscribedFields } from "@/server/integrations/meta/page-subscription";
import { REQUIRED_SCOPES } from "@/server/services/channels/requirements";

describe("Page subscription fields per channel", () => {
  it("subscribes each channel only with fields its own login's scopes allow", () => {
    expect(pageSubscribedFields("MESSENGER", REQUIRED_SCOPES.MESSENGER)).toEqual({
      ok: true,
      fields: ["messages", "messaging_postbacks", "message_deliveries", "message_reads", "message_echoes"],
    });
    expect(pageSubscribedFields("INSTAGRAM", REQUIRED_SCOPES.INSTAGRAM)).toEqual({ ok: true, fields: ["feed"] });
    for (const f of ["messages", "messaging_postbacks"]) expect(missingPermissionsFor(f, REQUIRED_SCOPES.INSTAGRAM)).toEqual(["pages_messaging"]);
  });

  it("names the permissions to ask for again when none of the channel's fields is allowed", () => {
    expect(pageSubscribedFields("MESSENGER", ["pages_manage_metadata", "pages_show_list"])).toEqual({ ok: false, missing: ["pages_messaging"] });
    expect(pageSubscribedFields("INSTAGRAM", ["instagram_basic", "instagram_manage_messages"])).toEqual({ ok: false, missing: ["pages_manage_metadata", "pages_show_list"] });
  });
});
