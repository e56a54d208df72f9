import type { CredentialVerdict, InboundVerdict, MetaChannel, MetaOracle, MetaSendOptions, SendVerdict, TokenVerdict } from "../world";
import { E } from "./errors";
import { checkPhoneSend, inboundRoute, subscribeAsset } from "./oracle-routing";
import type { MetaState } from "./state";
import { inspectToken, missingScope, tokenCoversPage, tokenCoversWaba } from "./tokens";
import type { GraphErrorShape } from "./types";

export type SendOptions = MetaSendOptions;

const DAY_MS = 86_400_000;
const CREDENTIAL_SCOPES = {
  MESSENGER: ["pages_messaging", "pages_manage_metadata"],
  INSTAGRAM: ["instagram_basic", "instagram_manage_messages", "pages_manage_metadata"],
};
const SEND_SCOPES = { MESSENGER: "pages_messaging", INSTAGRAM: "instagram_manage_messages", WHATSAPP: "whatsapp_business_messaging" } as const;

type Failed = { ok: false; code: number; subcode?: number; message: string };
const fail = (e: GraphErrorShape): Failed => ({
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

  /** A Messenger credential needs a Page token (asset = its Page, as Graph `/me` answers with it). */
  checkCredential(channel: "MESSENGER" | "INSTAGRAM", token: string, businessAccountId?: string): CredentialVerdict {
    const { state } = this;
    const insp = inspectToken(state, token);
    if (!insp.ok) return fail(insp.err);
    const { rec, grant } = insp;
    if (channel === "MESSENGER" && rec.type !== "PAGE") return fail(E.pageTokenRequired());
    const lacking = missingScope(grant, CREDENTIAL_SCOPES[channel]);
    if (lacking) return fail(E.missingPermission(lacking));
    if (channel === "MESSENGER") {
      const page = state.pages.get(rec.pageId ?? "");
      if (!page) return fail(E.objectMissing(rec.pageId ?? ""));
      return { ok: true, assetId: page.id, tokenType: rec.type };
    }
    if (!businessAccountId) return fail(E.param("The parameter business_account_id is required."));
    const ig = state.instagram.get(businessAccountId);
    const page = state.pageOfIg(businessAccountId);
    if (!ig || !page || ig.accountType === "PERSONAL" || !tokenCoversPage(state, rec, grant, page)) return fail(E.objectMissing(businessAccountId));
    return { ok: true, assetId: ig.id, tokenType: rec.type };
  }

  checkPhoneSend(phoneNumberId: string, opts: { lastInboundAt?: number; template?: boolean } = {}): SendVerdict {
    return checkPhoneSend(this.state, phoneNumberId, opts);
  }

  inboundRoute(channel: MetaChannel, assetId: string, opts: { senderHasAppRole?: boolean } = {}): InboundVerdict {
    return inboundRoute(this.state, channel, assetId, opts);
  }

  subscribeAsset(channel: MetaChannel, assetId: string): void {
    subscribeAsset(this.state, channel, assetId);
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
      // The window (131047) depends on the message kind, which only checkPhoneSend is told about.
      return checkPhoneSend(state, assetId, {});
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

  solutionAccess(wabaId: string): ReturnType<MetaOracle["solutionAccess"]> {
    const waba = this.state.wabas.get(wabaId);
    if (waba?.solutionIds.includes(this.state.config.solutionId)) return { ok: true };
    return { ok: false, message: `WhatsApp Business Account ${wabaId} is not shared with Sinch through the Multi-Partner Solution ${this.state.config.solutionId}` };
  }

  describePhoneNumber(wabaId: string, phoneNumberId: string): ReturnType<MetaOracle["describePhoneNumber"]> {
    const waba = this.state.wabas.get(wabaId);
    if (!waba) return { ok: false, message: `WhatsApp Business Account ${wabaId} does not exist` };
    const phone = this.state.phones.get(phoneNumberId);
    if (!phone || phone.wabaId !== wabaId) return { ok: false, message: `Phone number ${phoneNumberId} does not belong to WhatsApp Business Account ${wabaId}` };
    return {
      ok: true,
      displayPhoneNumber: phone.display_phone_number,
      verifiedName: phone.verified_name,
      codeVerificationStatus: phone.code_verification_status,
    };
  }
}
