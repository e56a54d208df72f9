/** Entities of the emulated Meta world (Graph objects plus the login/token bookkeeping behind them). */

export type PageTask = "MANAGE" | "CREATE_CONTENT" | "MODERATE" | "MESSAGING" | "ADVERTISE" | "ANALYZE";
export const ALL_TASKS: PageTask[] = ["MANAGE", "CREATE_CONTENT", "MODERATE", "MESSAGING", "ADVERTISE", "ANALYZE"];

export interface MetaUser {
  id: string;
  name: string;
  /** Bumped by a password change; tokens issued under an older epoch die with 190/460. */
  passwordEpoch: number;
  /** Bumped when the user removes the app; tokens issued under an older epoch die with 190/458. */
  appEpoch: number;
  /** Has a role on the Meta app (matters only while the app is in development mode). */
  appRole: boolean;
}

export interface MetaPage {
  id: string;
  name: string;
  category: string;
  /** Direct Page roles: userId → tasks. Only these Pages appear in /me/accounts. */
  roles: Record<string, PageTask[]>;
  ownerBusinessId?: string;
  clientBusinessIds: string[];
  /** Linked Instagram account (professional or personal). */
  igId?: string;
}

export interface MetaInstagram {
  id: string;
  username: string;
  name: string;
  /** Personal accounts are never exposed as `instagram_business_account` (M4). */
  accountType: "BUSINESS" | "CREATOR" | "PERSONAL";
  /** "Allow access to messages" (Connected tools); off → send error 200/2534041 (M5). */
  allowAccessToMessages: boolean;
}

export interface MetaBusiness {
  id: string;
  name: string;
  /** People with a role in the business portfolio. */
  userIds: string[];
  verified: boolean;
}

export interface MetaWaba {
  id: string;
  name: string;
  businessId: string;
  currency: string;
  timezone_id: string;
  message_template_namespace: string;
  /**
   * Multi-Partner Solutions the WABA was shared through (Embedded Signup run with
   * `extras.setup.solutionID`); the Solution Partner (Sinch) reaches the WABA only through one.
   */
  solutionIds: string[];
}

export interface MetaPhoneNumber {
  id: string;
  wabaId: string;
  display_phone_number: string;
  verified_name: string;
  status: string;
  name_status: string;
  code_verification_status: string;
  quality_rating: string;
  platform_type: string;
  throughput: { level: string };
  registered: boolean;
  /** Two-step verification PIN set at registration; a different PIN → 133005. */
  pin?: string;
  /** Forces 133005 on the next registrations whatever the PIN. */
  forcePinMismatch: boolean;
  /** No payment method on the WABA → sends fail with 131042. */
  paymentMethod: boolean;
  data_localization_region?: string;
  registerAttempts: number;
}

export type TokenType = "USER" | "PAGE" | "SYSTEM_USER";

/** One completed login dialog: exactly what the user chose. Every token derives from one grant. */
export interface Grant {
  id: string;
  userId: string;
  configId: string;
  tokenType: "USER" | "SYSTEM_USER";
  businessId?: string;
  systemUserId?: string;
  granted: string[];
  declined: string[];
  pageIds: string[];
  igIds: string[];
  wabaIds: string[];
  businessIds: string[];
  passwordEpoch: number;
  appEpoch: number;
  dataAccessExpiresAt: number;
}

export interface TokenRecord {
  token: string;
  type: TokenType;
  grantId: string;
  /** Unix seconds; 0 = never. */
  expiresAt: number;
  longLived: boolean;
  pageId?: string;
  issuedAt: number;
  /** Unix seconds override of the grant's data access expiry. */
  dataAccessExpiresAt?: number;
}

export interface AuthCode {
  code: string;
  grantId: string;
  createdAt: number;
  used: boolean;
  /** Classic login (scope, no config) hands out an access token instead of a code. */
  embeddedSignup: boolean;
}

export interface Subscription {
  appId: string;
  name: string;
  subscribed_fields: string[];
  override_callback_uri?: string;
}

export interface AppSettings {
  mode: "live" | "development";
  advancedAccess: boolean;
  humanAgentApproved: boolean;
  businessVerified: boolean;
}

export type GraphErrorShape = { code: number; subcode?: number; message: string; status?: number; type?: string };
