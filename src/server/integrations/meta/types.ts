/** Graph wire shapes and the portal's domain shapes (meta.md sections 2–6). */

export interface WireTokenResponse {
  access_token?: string;
  token_type?: string;
  expires_in?: number;
}

export interface WireDebugToken {
  data?: {
    app_id?: string;
    type?: string;
    application?: string;
    is_valid?: boolean;
    expires_at?: number;
    data_access_expires_at?: number;
    issued_at?: number;
    scopes?: string[];
    granular_scopes?: Array<{ scope?: string; target_ids?: string[] }>;
    user_id?: string;
    profile_id?: string;
    error?: { code?: number; subcode?: number; message?: string };
  };
}

export interface WirePage {
  id?: string;
  name?: string;
  access_token?: string;
  tasks?: string[];
  category?: string;
  instagram_business_account?: { id?: string; username?: string; name?: string };
  [other: string]: unknown;
}

export interface WirePaged<T> {
  data?: T[];
  paging?: { next?: string; cursors?: { before?: string; after?: string } };
}

export interface WirePhoneNumber {
  id?: string;
  display_phone_number?: string;
  verified_name?: string;
  status?: string;
  name_status?: string;
  code_verification_status?: string;
  quality_rating?: string;
  platform_type?: string;
  throughput?: { level?: string };
  [other: string]: unknown;
}

export interface WireSubscribedApp {
  id?: string;
  name?: string;
  subscribed_fields?: string[];
  whatsapp_business_api_data?: { id?: string; name?: string };
  override_callback_uri?: string;
}

// ---- Domain ----

export interface AccessToken {
  accessToken: string;
  tokenType: string | null;
  /** Absolute expiry, or null when Meta gave no lifetime (business tokens, Page tokens). */
  expiresAt: Date | null;
}

export interface GranularScope {
  scope: string;
  /** A scope without `target_ids` covers every asset (meta.md section 5 rule). */
  targetIds: string[] | "all";
}

export interface DebugToken {
  isValid: boolean;
  appId: string | null;
  type: string | null;
  userId: string | null;
  /** `expires_at: 0` means "never". */
  expiresAt: Date | null;
  dataAccessExpiresAt: Date | null;
  scopes: string[];
  granularScopes: GranularScope[];
  error: { code: number | null; subcode: number | null } | null;
}

export interface Permission {
  permission: string;
  status: "granted" | "declined" | (string & {});
}

export type PageSource = "direct" | "business_owned" | "business_client";

export interface Page {
  id: string;
  name: string;
  accessToken: string | null;
  tasks: string[];
  instagramBusinessAccountId: string | null;
  source: PageSource;
  /** Business portfolio the Page was found through, for business_* sources. */
  businessId: string | null;
}

export interface SubscribedApp {
  appId: string;
  name: string | null;
  subscribedFields: string[];
  overrideCallbackUri: string | null;
}

export interface PhoneNumber {
  id: string;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
  status: string | null;
  nameStatus: string | null;
  codeVerificationStatus: string | null;
  qualityRating: string | null;
  platformType: string | null;
  throughputLevel: string | null;
  dataLocalizationRegion: string | null;
}
