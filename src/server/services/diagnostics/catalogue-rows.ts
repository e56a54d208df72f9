import type { Owner } from "./engine/types";

/** One row of shared/contracts/troubleshooting-catalogue.md, in plain language for staff. */
export interface CatalogueRow {
  id: string;
  symptom: string;
  cause: string;
  who: Owner[];
  how: string;
}

export const CATALOGUE_ROWS: CatalogueRow[] = [
  { id: "M1", symptom: "No Page to pick during connect", cause: "The person has no direct role on the Page (it is held only through a business portfolio), or the Page was deselected in the asset picker.", who: ["customer"], how: "Reconnect and select the Page. Pages held through a business portfolio need full Page access for the person who logs in." },
  { id: "M2", symptom: "Login completes but nothing is granted", cause: "Facebook Login for Business is all-or-nothing: the person declined a permission, or the Meta app lacks Advanced Access.", who: ["customer", "meta_app_owner"], how: "Reconnect and allow every permission. The Meta app owner checks Advanced Access for each permission." },
  { id: "M3", symptom: "Messenger Page connected, no inbound", cause: "The Page is not subscribed to the Meta app (Meta unsubscribes after a 1-hour webhook outage), or the app is not Live.", who: ["meta_app_owner", "reseller_staff"], how: "Re-subscribe the Page, check the app is Live, then send yourself a test message." },
  { id: "M4", symptom: "Instagram account not offered", cause: "The Instagram account is personal, or not linked to the Facebook Page.", who: ["customer"], how: "Switch the account to Business or Creator and link it to the Page (Page settings → Linked accounts), then retry." },
  { id: "M5", symptom: "Instagram: no inbound, sends fail", cause: "\"Allow access to messages\" (Connected tools) is off in the Instagram app.", who: ["customer"], how: "Instagram app → Settings and privacy → Messages and story replies → Message controls → Connected tools → Allow access to messages." },
  { id: "M6", symptom: "Instagram via Page: no inbound", cause: "The linked Page is not subscribed, Instagram webhook fields are not selected in the app, or the person lacks the MODERATE task on the Page.", who: ["meta_app_owner", "customer"], how: "Re-subscribe the Page; a Page admin gives the person full control (MODERATE) and reconnects." },
  { id: "M7", symptom: "Worked, then stopped days later", cause: "The Page token was invalidated (password changed, role removed, app removed) or data access expired.", who: ["customer"], how: "Send the customer a reconnect link; they log in again and the portal replaces the token. A reminder goes out 14 days before data access expires." },
  { id: "M8", symptom: "Instagram/Messenger reply rejected after a day", cause: "The 24-hour messaging window closed.", who: ["reseller_staff"], how: "Use HUMAN_AGENT (7 days) only when Human Agent is approved for the customer; otherwise wait for the customer to write." },
  { id: "M9", symptom: "Story mention never arrives", cause: "The mentioning account is private and not followed by the business: Meta does not deliver it, by design.", who: ["nobody"], how: "Nothing to fix. Explain the rule to the customer." },
  { id: "M10", symptom: "Same Instagram message twice", cause: "The account is connected through two apps or both login paths.", who: ["reseller_staff"], how: "See which apps are subscribed to the Page and disconnect one of them." },
  { id: "M11", symptom: "WhatsApp: no inbound after signup", cause: "The WhatsApp Business Account is not subscribed, or its callback is overridden to another app.", who: ["sinch"], how: "Check the WABA subscriptions; re-subscribe, and if it persists open a Sinch ticket with the support bundle." },
  { id: "M12", symptom: "WhatsApp: cannot send after signup", cause: "Number not registered, PIN mismatch, no payment method, or display name under review.", who: ["customer", "sinch"], how: "Check the phone status: the customer adds a payment method or waits for the name review; Sinch handles registration." },
  { id: "M13", symptom: "WhatsApp signup finished but rejected", cause: "The WhatsApp Business Account was not shared in the signup popup.", who: ["customer"], how: "Run the signup again and share the WhatsApp account." },
  { id: "M14", symptom: "Feature blocked by verification", cause: "The Meta app owner's business is not verified (Advanced Access, Human Agent), or the customer's business is not verified.", who: ["meta_app_owner", "customer"], how: "Work through Meta Business Verification and App Review for the missing feature." },
  { id: "S1", symptom: "Sends fail, channel marked inactive", cause: "The channel credential is invalid, expired or replaced.", who: ["customer"], how: "Send a reconnect link; after the customer reconnects the portal polls Sinch until the credential is ACTIVE." },
  { id: "S2", symptom: "Sends rejected for configuration", cause: "Wrong token type, wrong Page or Instagram id, or missing business_account_id.", who: ["reseller_staff"], how: "Re-read the Page and Instagram ids and rebuild the app's channel credentials (reconnect the channel)." },
  { id: "S3", symptom: "WhatsApp reply rejected", cause: "The 24-hour window closed; a template is required.", who: ["reseller_staff"], how: "Send an approved WhatsApp template." },
  { id: "S4", symptom: "Contact cannot be reached", cause: "The person blocked the business, deactivated the account, or is not on the channel.", who: ["nobody"], how: "Mark the contact unreachable and stop retrying." },
  { id: "S5", symptom: "Every call for an app returns 404", cause: "The app lives in another Sinch region than the one stored.", who: ["reseller_staff"], how: "Probe the regions (us, eu, br) and correct the stored region." },
  { id: "S6", symptom: "No delivery reports or no inbound, channel healthy", cause: "The portal's webhook was created or edited without all required triggers.", who: ["reseller_staff"], how: "Repair the webhook: set the required triggers." },
  { id: "S7", symptom: "Callbacks rejected as unsigned", cause: "The webhook was created without a secret.", who: ["reseller_staff"], how: "Rotate the webhook secret (sets a new one on Sinch and stores it encrypted)." },
  { id: "S8", symptom: "Callbacks rejected as badly signed", cause: "Secret mismatch after a rotation, a proxy that alters the body, or a server clock off by more than 5 minutes.", who: ["reseller_staff"], how: "Rotate the secret; check the server clock and that any proxy passes the raw body through." },
  { id: "S9", symptom: "Cannot add the portal's webhook", cause: "The app already has 5 webhooks, the most Sinch allows.", who: ["reseller_staff"], how: "Delete a stale webhook (confirm each), then repair." },
  { id: "S10", symptom: "Webhook create says duplicate", cause: "The portal's address is already registered on the app.", who: ["reseller_staff"], how: "Adopt the existing webhook: set its secret and triggers (Repair does this)." },
  { id: "S11", symptom: "Channel stuck activating", cause: "Sinch has not finished validating or exchanging the token.", who: ["sinch"], how: "Keep waiting; after 15 minutes open a Sinch ticket with the support bundle." },
  { id: "S12", symptom: "Channel fails right after connect", cause: "The token lacks a permission or asset, has the wrong type, or the Instagram id is missing.", who: ["customer", "reseller_staff"], how: "Read Sinch's description, then reconnect with every permission and the right assets." },
  { id: "S13", symptom: "WhatsApp sender suspended or errored", cause: "A policy action, a WABA problem, or a rejected edit.", who: ["sinch", "customer"], how: "Review the sender details and pending changes; open a Sinch ticket with the support bundle." },
  { id: "S14", symptom: "All Sinch calls fail 401", cause: "The Sinch access key was revoked or mistyped.", who: ["reseller_staff"], how: "Settings → replace the access key, then Test credentials." },
  { id: "S15", symptom: "New customer project not usable", cause: "A new subproject takes up to 30 seconds to become usable.", who: ["nobody"], how: "Wait; the portal retries with backoff for up to 60 seconds." },
  { id: "S16", symptom: "Subprojects API refused", cause: "The Subprojects closed beta is not enabled for the Sinch account.", who: ["sinch"], how: "Ask your Sinch account manager to enable Subprojects." },
];

export const catalogueRow = (id: string) => CATALOGUE_ROWS.find((r) => r.id === id);
