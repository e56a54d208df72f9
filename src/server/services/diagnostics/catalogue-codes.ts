import type { Owner } from "./engine/types";

export type CodeKind = "sinch_reason" | "sinch_state" | "sinch_http" | "meta" | "whatsapp";

/** One code as it appears anywhere in the portal, joined to its cause, owner and fix. */
export interface CodeEntry {
  code: string;
  kind: CodeKind;
  title: string;
  cause: string;
  who: Owner[];
  how: string;
  rows: string[];
}

type Row = [code: string, title: string, cause: string, who: Owner[], how: string, rows: string[]];
const entries = (kind: CodeKind, rows: Row[]): CodeEntry[] => rows.map(([code, title, cause, who, how, r]) => ({ code, kind, title, cause, who, how, rows: r }));

const RECONNECT = "Send the customer a reconnect link; they log in again and the portal replaces the credential.";
const WAIT_FOR_WRITE = "Wait for the contact to write again; with Human Agent approved, reply within 7 days using HUMAN_AGENT.";

const SINCH_REASONS = entries("sinch_reason", [
  ["INACTIVE_CREDENTIAL", "Channel credential not active", "The channel credential on the Sinch app is not ACTIVE: the Meta token was invalidated, expired or replaced (sub code INACTIVE_SENDER: the WhatsApp sender is not active).", ["customer"], RECONNECT, ["S1", "M7"]],
  ["CHANNEL_BAD_CONFIGURATION", "Channel configured wrongly", "The channel rejected the message because the app's channel configuration is wrong (wrong token type, wrong Page or Instagram id).", ["reseller_staff"], "Re-read the Page and Instagram ids and rebuild the channel credentials by reconnecting.", ["S2"]],
  ["CHANNEL_CONFIGURATION_MISSING", "Channel not configured on the app", "The Sinch app has no credential for this channel.", ["reseller_staff"], "Connect the channel again so its credential is added to the app.", ["S12"]],
  ["OUTSIDE_ALLOWED_SENDING_WINDOW", "Messaging window closed", "More than 24 hours passed since the contact last wrote (7 days with HUMAN_AGENT).", ["reseller_staff"], "Messenger/Instagram: " + WAIT_FOR_WRITE + " WhatsApp: send an approved template.", ["M8", "S3"]],
  ["RECIPIENT_NOT_REACHABLE", "Contact cannot be reached", "The person blocked the business, deactivated the account, or is not on the channel.", ["nobody"], "Mark the contact unreachable and stop retrying.", ["S4"]],
  ["RECIPIENT_INVALID_CHANNEL_IDENTITY", "Invalid contact identity", "The contact's channel identity is malformed.", ["reseller_staff"], "Check the contact data.", []],
  ["RECIPIENT_NOT_OPTED_IN", "Contact not opted in", "The contact has not opted in on this channel.", ["reseller_staff"], "Collect an opt-in first.", []],
  ["CHANNEL_FAILURE", "Channel refused the message", "Meta refused the message; Sinch already retried transient errors. The description carries Meta's code.", ["reseller_staff"], "Read the Meta code in the description and follow its entry.", ["M5", "M12", "M14"]],
  ["CHANNEL_REJECT", "Channel rejected the message", "The channel rejected the message permanently.", ["reseller_staff"], "Read the description; do not retry unchanged.", []],
  ["DELIVERY_REJECTED_DUE_TO_POLICY", "Rejected by policy", "The channel refused the message by policy.", ["reseller_staff"], "Review the content against the channel's policy.", []],
  ["BAD_REQUEST", "Channel-specific validation failed", "The message passed Sinch's first validation but failed the channel's.", ["reseller_staff"], "Read the description and fix the message.", []],
  ["RATE_LIMITED", "Rate limited", "Too many messages in a short time.", ["nobody"], "Back off and retry later.", []],
  ["MEDIA_TYPE_UNSUPPORTED", "Media type unsupported", "The channel does not accept this media type.", ["reseller_staff"], "Send a supported type.", []],
  ["MEDIA_TOO_LARGE", "Media too large", "The media file exceeds the channel limit.", ["reseller_staff"], "Send a smaller file.", []],
  ["MEDIA_NOT_REACHABLE", "Media not reachable", "The channel could not download the media URL.", ["reseller_staff"], "Use a public HTTPS URL.", []],
  ["TEMPLATE_NOT_FOUND", "Template not found", "The WhatsApp template does not exist.", ["reseller_staff"], "Pick an APPROVED template.", []],
  ["TEMPLATE_INSUFFICIENT_PARAMETERS", "Template parameters missing", "Not every template parameter was filled.", ["reseller_staff"], "Fill every parameter.", []],
  ["TEMPLATE_NON_EXISTING_LANGUAGE_OR_VERSION", "Template language missing", "The template has no such language or version.", ["reseller_staff"], "Pick an existing language.", []],
  ["NO_CHANNELS_LEFT", "No channel left", "Every channel in the priority list failed.", ["reseller_staff"], "See the earlier SWITCHING_CHANNEL reasons.", []],
  ["UNKNOWN_APP", "Unknown app", "Sinch does not know the app.", ["reseller_staff"], "Check the app id and region (probe regions).", ["S5"]],
  ["UNKNOWN", "Unknown failure", "Sinch gave no reason.", ["sinch"], "Copy the support bundle and open a Sinch ticket.", []],
  ["INTERNAL_ERROR", "Sinch internal error", "An error inside Sinch.", ["sinch"], "Copy the support bundle and open a Sinch ticket.", []],
]);

const SINCH_STATES = entries("sinch_state", [
  ["PENDING", "Credential activating", "Sinch is validating the credential (Instagram: exchanging the token).", ["sinch"], "Wait; after 15 minutes open a Sinch ticket with the support bundle.", ["S11"]],
  ["FAILING", "Credential failing", "Sinch could not validate the credential; its description says why (often a Meta 190 or 100/33).", ["customer"], RECONNECT, ["S1", "S12", "M7"]],
  ["ACTIVE", "Credential active", "Sinch validated the credential.", ["nobody"], "Nothing to do.", []],
  ["PENDING_VERIFICATION", "WhatsApp number awaiting verification", "The WhatsApp sender waits for phone verification or registration.", ["sinch"], "Check the phone status; Sinch completes registration.", ["M12"]],
  ["SUSPENDED", "WhatsApp sender suspended", "A policy action or WABA problem suspended the sender.", ["sinch", "customer"], "Open a Sinch ticket with the support bundle.", ["S13"]],
  ["ERROR", "WhatsApp sender error", "Creating the sender at Meta failed.", ["sinch"], "Open a Sinch ticket with the support bundle.", ["S13", "M12"]],
  ["REJECTED", "Sender change rejected", "A pending edit of the sender was rejected.", ["sinch", "customer"], "Review the change details with Sinch.", ["S13"]],
  ["MULTIPLE_WABA_ERROR", "Sender edit: several WABAs", "The sender edit hit a multiple-WABA error.", ["sinch"], "Open a Sinch ticket with the support bundle.", ["S13"]],
]);

const SINCH_HTTP = entries("sinch_http", [
  ["HTTP_401", "Sinch rejected the access key", "The Sinch access key was revoked or mistyped.", ["reseller_staff"], "Settings → replace the access key, then Test credentials.", ["S14"]],
  ["HTTP_403", "Sinch refused access", "The key has no access to the project, billing limits, or Subprojects is not enabled.", ["reseller_staff", "sinch"], "Check the project id; ask the Sinch account manager about Subprojects.", ["S16"]],
  ["HTTP_404", "Sinch app not found in region", "The app lives in another region, or a new subproject is not ready yet.", ["reseller_staff"], "Probe regions and correct the stored region; for a new project wait a minute.", ["S5", "S15"]],
  ["WEBHOOK_LIMIT", "Five webhooks already", "The app already has 5 webhooks, the most Sinch allows.", ["reseller_staff"], "Delete a stale webhook, then repair.", ["S9"]],
  ["DUPLICATE_TARGET", "Webhook target already registered", "The portal's address is already a webhook on the app.", ["reseller_staff"], "Repair adopts the existing webhook.", ["S10"]],
]);

const META = entries("meta", [
  ["190", "Facebook token invalid", "The OAuth token is no longer valid.", ["customer"], RECONNECT, ["M7", "S1"]],
  ["190/458", "App removed by the user", "The person removed the Meta app from their account.", ["customer"], RECONNECT, ["M7"]],
  ["190/459", "User checkpointed", "Facebook needs the person to log in at facebook.com first.", ["customer"], "Log in at facebook.com, then reconnect.", ["M7"]],
  ["190/460", "Password changed", "The person changed their Facebook password, which ended the token.", ["customer"], RECONNECT, ["M7"]],
  ["190/463", "Token expired", "The token's lifetime ended.", ["customer"], RECONNECT, ["M7"]],
  ["190/464", "User unconfirmed", "The Facebook account is not confirmed.", ["customer"], "Confirm the account at facebook.com, then reconnect.", ["M7"]],
  ["190/467", "Token invalid", "The token was invalidated.", ["customer"], RECONNECT, ["M7"]],
  ["190/492", "Role on the Page removed", "The person who connected no longer has a role on the Page.", ["customer"], "A Page admin reconnects.", ["M7"]],
  ["10", "Permission missing", "A permission was revoked or the feature is not approved.", ["customer", "meta_app_owner"], "Reconnect with every permission; the app owner checks App Review.", ["M2", "M14"]],
  ["200", "Permission error", "A permission or feature is missing (App Review, Advanced Access, Human Agent).", ["meta_app_owner", "customer"], "Check App Review and Business Verification.", ["M14"]],
  ["10/2018278", "Messenger window closed", "Outside the 24-hour Messenger window.", ["reseller_staff"], WAIT_FOR_WRITE, ["M8"]],
  ["10/2534022", "Instagram window closed", "Outside the 24-hour Instagram window.", ["reseller_staff"], WAIT_FOR_WRITE, ["M8"]],
  ["10/2018065", "Window closed (older code)", "Outside the allowed window.", ["reseller_staff"], WAIT_FOR_WRITE, ["M8"]],
  ["10/2018108", "Person unavailable", "The person cannot be messaged.", ["nobody"], "Mark the contact unreachable.", ["S4"]],
  ["551", "Person unavailable", "The person blocked the business or deactivated the account.", ["nobody"], "Mark the contact unreachable.", ["S4"]],
  ["551/1545041", "Person unavailable", "The person blocked the business or deactivated the account.", ["nobody"], "Mark the contact unreachable.", ["S4"]],
  ["200/1545041", "Person unavailable", "The person cannot be messaged.", ["nobody"], "Mark the contact unreachable.", ["S4"]],
  ["200/2534041", "Instagram message access off", "The Instagram owner turned off \"Allow access to messages\" (Connected tools).", ["customer"], "Instagram app → Settings and privacy → Messages and story replies → Message controls → Connected tools → Allow access to messages.", ["M5"]],
  ["100/33", "Object missing or not shared", "The Page, Instagram account or WABA was not shared, or the id is wrong.", ["reseller_staff", "customer"], "Check the shared assets; reconnect sharing the asset.", ["S2", "M1", "M13"]],
  ["100/2018001", "No matching user", "Stale PSID/IGSID.", ["reseller_staff"], "Fix the contact data.", []],
  ["100/2534014", "No matching Instagram user", "The IG user id is not an IGSID.", ["reseller_staff"], "Fix the contact data.", []],
  ["200/2018028", "App not Live for non-role users", "pages_messaging is not approved or the app is in development mode.", ["meta_app_owner"], "Finish App Review and switch the app to Live.", ["M3", "M14"]],
  ["200/2018027", "App not Live for non-role users", "pages_messaging is not approved or the app is in development mode.", ["meta_app_owner"], "Finish App Review and switch the app to Live.", ["M3", "M14"]],
  ["10/1893063", "Account temporarily restricted", "The account may not send for a while.", ["customer"], "Pause sending; the customer checks Meta's notices.", []],
  ["100/2534029", "Blocked from Instagram Messaging API", "Meta blocked the account from the API.", ["customer"], "The customer contacts Meta support.", []],
  ["368", "Temporarily blocked for policy", "A policy block.", ["customer"], "Wait and review content policy.", []],
  ["4", "Rate limit", "Too many calls.", ["nobody"], "Back off.", []],
  ["613", "Rate limit", "Too many calls.", ["nobody"], "Back off.", []],
  ["1", "Transient Meta error", "A temporary problem at Meta.", ["nobody"], "Retry with backoff.", []],
  ["2", "Transient Meta error", "A temporary problem at Meta.", ["nobody"], "Retry with backoff.", []],
]);

const WHATSAPP = entries("whatsapp", [
  ["131047", "WhatsApp window closed", "More than 24 hours since the customer last wrote.", ["reseller_staff"], "Send an approved template.", ["S3"]],
  ["131026", "Message undeliverable", "The number cannot receive the message.", ["nobody"], "Mark the contact unreachable.", ["S4"]],
  ["131042", "Payment problem", "The WhatsApp account has no valid payment method.", ["customer"], "The customer adds a payment method in Meta Business Settings → WhatsApp accounts → Payment settings.", ["M12"]],
  ["131031", "Account restricted", "The WhatsApp account is locked or restricted.", ["customer"], "The customer contacts Meta.", ["S13"]],
  ["131037", "Display name not approved", "The display name is under review or rejected.", ["customer"], "Wait for the name review, or change the name.", ["M12"]],
  ["131045", "Number not registered", "The phone number is not registered.", ["sinch"], "Sinch registers the number; open a ticket with the support bundle.", ["M12"]],
  ["133010", "Number not registered", "The phone number is not registered.", ["sinch"], "Sinch registers the number; open a ticket with the support bundle.", ["M12"]],
  ["133005", "Two-step PIN mismatch", "The registration PIN does not match.", ["sinch"], "Re-register with the stored PIN (Sinch).", ["M12"]],
  ["133006", "Number needs re-verification", "The phone number must be verified again.", ["customer"], "Verify the number again.", ["M12"]],
  ["133016", "Too many registration attempts", "Registration attempts are throttled.", ["nobody"], "Wait before trying again.", ["M12"]],
  ["130429", "Throughput limit", "Too many messages per second.", ["nobody"], "Back off.", []],
  ["131056", "Pair rate limit", "Too many messages to the same person.", ["nobody"], "Slow down.", []],
  ["131048", "Spam rate limit", "Too many messages flagged.", ["customer"], "Review content and quality.", []],
  ["130497", "Country restricted", "Messages to this country are restricted.", ["nobody"], "None.", []],
  ["132000", "Template parameters mismatch", "The template parameters do not match.", ["reseller_staff"], "Fix the template parameters.", []],
  ["132001", "Template missing", "The template does not exist.", ["reseller_staff"], "Pick an approved template.", []],
]);

export const CODE_ENTRIES: CodeEntry[] = [...SINCH_REASONS, ...SINCH_STATES, ...SINCH_HTTP, ...META, ...WHATSAPP];
