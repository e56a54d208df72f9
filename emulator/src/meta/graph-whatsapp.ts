import { E, graphError, waError } from "./errors";
import { applyFault, auth, paged, parseFields, pick, type GraphCtx } from "./graph-context";
import { missingScope, tokenCoversWaba } from "./tokens";
import type { Grant, MetaPhoneNumber, TokenRecord } from "./types";

export const LOCAL_STORAGE_REGIONS = ["AU", "ID", "IN", "JP", "SG", "KR", "DE", "CH", "GB", "BR", "BH", "ZA", "AE", "CA"];
const REGISTER_LIMIT = 10;

const PHONE_DEFAULT_FIELDS = ["id", "display_phone_number", "verified_name", "code_verification_status", "quality_rating", "platform_type", "throughput"];

export function phoneJson(p: MetaPhoneNumber): Record<string, unknown> {
  return {
    id: p.id,
    display_phone_number: p.display_phone_number,
    verified_name: p.verified_name,
    status: p.status,
    name_status: p.name_status,
    code_verification_status: p.code_verification_status,
    quality_rating: p.quality_rating,
    platform_type: p.platform_type,
    throughput: p.throughput,
    ...(p.data_localization_region
      ? { storage_configuration: { status: "in_country_storage_enabled", data_localization_region: p.data_localization_region } }
      : {}),
  };
}

function requireWaba(rec: TokenRecord, grant: Grant, wabaId: string, post = false): void {
  if (rec.type === "PAGE" || !tokenCoversWaba(grant, wabaId)) throw graphError(post ? E.objectMissingPost(wabaId) : E.objectMissing(wabaId));
  const lacking = missingScope(grant, ["whatsapp_business_management"]);
  if (lacking) throw graphError(E.missingPermission(lacking));
}

export function wabaPhoneNumbers(ctx: GraphCtx, wabaId: string): void {
  applyFault(ctx, "phone_numbers");
  const { rec, grant } = auth(ctx);
  if (!ctx.state.wabas.has(wabaId)) throw graphError(E.objectMissing(wabaId));
  requireWaba(rec, grant, wabaId);
  const fields = parseFields(ctx.params.get("fields"), PHONE_DEFAULT_FIELDS);
  ctx.res.json(paged(ctx, ctx.state.phonesOfWaba(wabaId).map((p) => pick(phoneJson(p), fields))));
}

/** `GET /{waba_id}` and `GET /{phone_number_id}`; false when the id is neither. */
export function whatsappNode(ctx: GraphCtx, id: string): boolean {
  const waba = ctx.state.wabas.get(id);
  const phone = ctx.state.phones.get(id);
  if (!waba && !phone) return false;
  applyFault(ctx, "node");
  const { rec, grant } = auth(ctx);
  if (waba) {
    requireWaba(rec, grant, waba.id);
    const fields = parseFields(ctx.params.get("fields"), ["id", "name"]);
    const { businessId, ...rest } = waba;
    ctx.res.json(pick({ ...rest, owner_business_info: { id: businessId, name: ctx.state.businesses.get(businessId)?.name } }, fields));
    return true;
  }
  const p = phone!;
  requireWaba(rec, grant, p.wabaId);
  ctx.res.json(pick(phoneJson(p), parseFields(ctx.params.get("fields"), PHONE_DEFAULT_FIELDS)));
  return true;
}

/** `POST /{phone_number_id}/register` with the two-step PIN and optional local storage region. */
export function registerPhone(ctx: GraphCtx, phoneId: string): void {
  applyFault(ctx, "register");
  const { rec, grant } = auth(ctx);
  const phone = ctx.state.phones.get(phoneId);
  if (!phone) throw graphError(E.objectMissingPost(phoneId));
  requireWaba(rec, grant, phone.wabaId, true);
  const lacking = missingScope(grant, ["whatsapp_business_messaging"]);
  if (lacking) throw graphError(E.missingPermission(lacking));
  const product = ctx.params.get("messaging_product");
  if (!product) throw graphError(E.param("The parameter messaging_product is required."));
  if (product !== "whatsapp") throw graphError(E.param("Param messaging_product must be one of {whatsapp}"));
  const pin = ctx.params.get("pin");
  if (!pin) throw graphError(E.param("The parameter pin is required."));
  if (!/^\d{6}$/.test(pin)) throw graphError(E.param("Param pin must be 6 characters long."));
  const region = ctx.params.get("data_localization_region");
  if (region !== null && !LOCAL_STORAGE_REGIONS.includes(region)) {
    throw graphError(E.param(`Param data_localization_region must be one of {${LOCAL_STORAGE_REGIONS.join(", ")}}`));
  }
  phone.registerAttempts += 1;
  if (phone.registerAttempts > REGISTER_LIMIT) {
    throw waError(133016, "Account register deregister rate limit exceeded", "Registration attempts exceeded; try again later.");
  }
  if (phone.forcePinMismatch || (phone.pin !== undefined && phone.pin !== pin)) {
    throw waError(133005, "Two step verification PIN Mismatch", "The PIN does not match the two-step verification PIN of this number.");
  }
  if (phone.code_verification_status === "EXPIRED") {
    throw waError(133006, "Phone number re-verification needed", "Verify the phone number again before registering it.");
  }
  phone.pin = pin;
  phone.registered = true;
  phone.status = "CONNECTED";
  if (region) phone.data_localization_region = region;
  ctx.res.json({ success: true });
}
