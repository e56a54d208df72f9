import { describe, expect, it } from "vitest";
import { channelList, inviteEmail, reminderEmail } from "@/server/services/access/emails";

const expiresAt = new Date("2026-12-10T12:00:00Z");

describe("channel lists in access emails", () => {
  it("joins channels as an English list with 'and'", () => {
    expect(channelList(["WHATSAPP"])).toBe("WhatsApp");
    expect(channelList(["MESSENGER", "INSTAGRAM"])).toBe("Facebook Messenger and Instagram Direct");
    expect(channelList(["MESSENGER", "INSTAGRAM", "WHATSAPP"])).toBe("Facebook Messenger, Instagram Direct, and WhatsApp");
  });

  it("the invite names every channel with 'and' before the last", () => {
    const email = inviteEmail({ customerName: "Acme", link: "https://portal.test/access/t", channels: ["MESSENGER", "INSTAGRAM"], expiresAt, note: null });
    expect(email.body).toContain("to connect Facebook Messenger and Instagram Direct for Acme.");
    expect(email.body).not.toContain("Messenger, Instagram");
  });

  it("the reminder lists what is still missing the same way", () => {
    const email = reminderEmail({ customerName: "Acme", portalUrl: "https://portal.test/portal", missing: ["INSTAGRAM", "WHATSAPP"], expiresAt });
    expect(email.body).toContain("Still to connect: Instagram Direct and WhatsApp.");
  });
});
