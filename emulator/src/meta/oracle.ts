import type { MetaOracle, MetaSendOptions, SendVerdict, TokenVerdict } from "../world";
import { E } from "./errors";
import type { MetaState } from "./state";
import { inspectToken, missingScope, tokenCoversPage, tokenCoversWaba } from "./tokens";
import type { GraphErrorShape } from "./types";

export type SendOptions = MetaSendOptions;

const DAY_MS = 86_400_000;
const SEND_SCOPES = { MESSENGER: "pages_messaging", INSTAGRAM: "instagram_manage_messages", WHATSAPP: "whatsapp_business_messaging" } as const;

const fail = (e: GraphErrorShape): SendVerdict & TokenVerdict => ({
  ok: false,
  code: e.code,
  ...(e.subcode !== undefined ? { subcode: e.subcode } : {}),
  message: e.message,
});

/** The Sinch half asks Meta through this, exactly the verdicts Graph would give a real BSP. */
export class MetaOracleImpl implements MetaOracle {
  constructor(private readonly state: MetaState) {}

  checkToken(token: string, requiredScopes: string[]): TokenVerdict {
    const insp = inspectToken(this.state, token);
    if (!insp.ok) return fail(insp.err);
    const lacking = missingScope(insp.grant, requiredScopes);
    if (lacking) return fail(E.missingPermission(lacking));
    const userId = insp.grant.tokenType === "SYSTEM_USER" ? insp.grant.systemUserId ?? insp.grant.userId : insp.grant.userId;
    return { ok: true, userId, scopes: [...insp.grant.granted] };
  }

  /** Page subscription is deliberately not checked: an unsubscribed Page still sends, it only stops receiving (M3). */
  checkSend(channel: "MESSENGER" | "INSTAGRAM" | "WHATSAPP", token: string, assetId: string, opts: SendOptions = {}): SendVerdict {
    const { state } = this;
    const insp = inspectToken(state, token);
    if (!insp.ok) return fail(insp.err);
    const { rec, grant } = insp;
    const lacking = missingScope(grant, [SEND_SCOPES[channel]]);
    if (lacking) return fail(E.missingPermission(lacking));

    if (channel === "WHATSAPP") {
      const phone = state.phones.get(assetId);
      if (!phone || rec.type === "PAGE" || !tokenCoversWaba(grant, phone.wabaId)) return fail(E.objectMissingPost(assetId));
      if (!phone.registered) return fail({ code: 133010, message: "(#133010) Account not registered" });
      if (phone.name_status !== "APPROVED" && phone.name_status !== "AVAILABLE_WITHOUT_REVIEW") {
        return fail({ code: 131037, message: "(#131037) WhatsApp provided number needs display name approval before message can be sent." });
      }
      if (!phone.paymentMethod) return fail({ code: 131042, message: "(#131042) Business eligibility payment issue" });
      return { ok: true };
    }

    let page;
    if (channel === "MESSENGER") {
      page = state.pages.get(assetId);
      if (!page || !tokenCoversPage(state, rec, grant, page)) return fail(E.objectMissingPost(assetId));
    } else {
      const ig = state.instagram.get(assetId);
      page = state.pageOfIg(assetId);
      if (!ig || !page || ig.accountType === "PERSONAL" || !tokenCoversPage(state, rec, grant, page)) return fail(E.objectMissingPost(assetId));
      const tasks = grant.tokenType === "USER" ? page.roles[grant.userId] : undefined;
      if (tasks && !tasks.includes("MODERATE")) return fail({ code: 200, message: "(#200) The user needs the MODERATE task on the Page linked to this Instagram account." });
      if (!ig.allowAccessToMessages) return fail(E.igAccessOff());
    }
    if (state.app.mode === "development" && opts.recipientHasAppRole === false) return fail(E.devModeRecipient());
    if (opts.lastInboundAt !== undefined) {
      const age = state.clock.now() - opts.lastInboundAt;
      const human = opts.messageTag === "HUMAN_AGENT";
      if (human && !state.app.humanAgentApproved) return fail(E.humanAgentNotApproved());
      if (age > (human ? 7 * DAY_MS : DAY_MS)) return fail(E.outsideWindow(channel));
    } else if (opts.messageTag === "HUMAN_AGENT" && !state.app.humanAgentApproved) {
      return fail(E.humanAgentNotApproved());
    }
    return { ok: true };
  }

  describePhoneNumber(wabaId: string, phoneNumberId: string): { ok: true; displayPhoneNumber: string; verifiedName: string } | { ok: false; message: string } {
    const waba = this.state.wabas.get(wabaId);
    if (!waba) return { ok: false, message: `WhatsApp Business Account ${wabaId} does not exist` };
    const phone = this.state.phones.get(phoneNumberId);
    if (!phone || phone.wabaId !== wabaId) return { ok: false, message: `Phone number ${phoneNumberId} does not belong to WhatsApp Business Account ${wabaId}` };
    return { ok: true, displayPhoneNumber: phone.display_phone_number, verifiedName: phone.verified_name };
  }
}
