import type {
  AccessToken,
  DebugToken,
  GranularScope,
  Page,
  PageSource,
  Permission,
  PhoneNumber,
  SubscribedApp,
  WireDebugToken,
  WirePage,
  WirePhoneNumber,
  WireSubscribedApp,
  WireTokenResponse,
} from "./types";

const fromEpochSeconds = (value: unknown): Date | null =>
  typeof value === "number" && Number.isFinite(value) && value > 0 ? new Date(value * 1000) : null;

const strOrNull = (value: unknown): string | null => (typeof value === "string" && value.length > 0 ? value : null);

export function toAccessToken(wire: WireTokenResponse, now: Date = new Date()): AccessToken {
  return {
    accessToken: wire.access_token ?? "",
    tokenType: strOrNull(wire.token_type),
    expiresAt: typeof wire.expires_in === "number" && wire.expires_in > 0 ? new Date(now.getTime() + wire.expires_in * 1000) : null,
  };
}

export function toGranularScope(wire: { scope?: string; target_ids?: string[] }): GranularScope {
  return { scope: wire.scope ?? "", targetIds: Array.isArray(wire.target_ids) ? [...wire.target_ids] : "all" };
}

export function toDebugToken(wire: WireDebugToken): DebugToken {
  const d = wire.data ?? {};
  return {
    isValid: d.is_valid === true,
    appId: strOrNull(d.app_id),
    type: strOrNull(d.type),
    userId: strOrNull(d.user_id),
    expiresAt: fromEpochSeconds(d.expires_at),
    dataAccessExpiresAt: fromEpochSeconds(d.data_access_expires_at),
    scopes: [...(d.scopes ?? [])],
    granularScopes: (d.granular_scopes ?? []).map(toGranularScope),
    error: d.error ? { code: d.error.code ?? null, subcode: d.error.subcode ?? null } : null,
  };
}

/** Is `assetId` covered by `scope` in the token's granular scopes (WhatsApp guard, catalogue M1/M13)? */
export function scopeCoversAsset(token: DebugToken, scope: string, assetId: string): boolean {
  const entry = token.granularScopes.find((g) => g.scope === scope);
  if (!entry) return false;
  return entry.targetIds === "all" || entry.targetIds.includes(assetId);
}

export function missingScopes(token: DebugToken, required: readonly string[]): string[] {
  return required.filter((s) => !token.scopes.includes(s));
}

export function toPermissions(wire: { data?: Array<{ permission?: string; status?: string }> }): Permission[] {
  return (wire.data ?? []).filter((p) => typeof p.permission === "string").map((p) => ({ permission: p.permission!, status: p.status ?? "unknown" }));
}

export function toPage(wire: WirePage, source: PageSource, businessId: string | null = null): Page {
  return {
    id: wire.id ?? "",
    name: wire.name ?? "",
    accessToken: strOrNull(wire.access_token),
    tasks: [...(wire.tasks ?? [])],
    instagramBusinessAccountId: strOrNull(wire.instagram_business_account?.id),
    source,
    businessId,
  };
}

/**
 * Keeps one entry per Page id. Earlier sources win (direct role first) but missing fields — a Page
 * token or an IG link that only one path returned — are filled in from later duplicates.
 */
export function dedupePages(pages: readonly Page[]): Page[] {
  const byId = new Map<string, Page>();
  for (const page of pages) {
    const seen = byId.get(page.id);
    if (!seen) {
      byId.set(page.id, { ...page, tasks: [...page.tasks] });
      continue;
    }
    seen.accessToken ??= page.accessToken;
    seen.instagramBusinessAccountId ??= page.instagramBusinessAccountId;
    if (seen.tasks.length === 0) seen.tasks = [...page.tasks];
  }
  return [...byId.values()];
}

export function toSubscribedApp(wire: WireSubscribedApp): SubscribedApp {
  // Page subscriptions name the app at top level; WABA subscriptions nest it.
  const wa = wire.whatsapp_business_api_data;
  return {
    appId: wire.id ?? wa?.id ?? "",
    name: strOrNull(wire.name ?? wa?.name),
    subscribedFields: [...(wire.subscribed_fields ?? [])],
    overrideCallbackUri: strOrNull(wire.override_callback_uri),
  };
}

export function toPhoneNumber(wire: WirePhoneNumber): PhoneNumber {
  const storage = wire.storage_configuration as { data_localization_region?: string } | undefined;
  return {
    id: wire.id ?? "",
    displayPhoneNumber: strOrNull(wire.display_phone_number),
    verifiedName: strOrNull(wire.verified_name),
    status: strOrNull(wire.status),
    nameStatus: strOrNull(wire.name_status),
    codeVerificationStatus: strOrNull(wire.code_verification_status),
    qualityRating: strOrNull(wire.quality_rating),
    platformType: strOrNull(wire.platform_type),
    throughputLevel: strOrNull(wire.throughput?.level),
    dataLocalizationRegion: strOrNull(storage?.data_localization_region),
  };
}
