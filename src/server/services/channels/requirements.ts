import type { Channel } from "@/server/db/schema";

/** Permissions each channel's login configuration requests (meta.md section 1). */
export const REQUIRED_SCOPES: Record<Channel, readonly string[]> = {
  MESSENGER: ["pages_messaging", "pages_manage_metadata", "pages_show_list", "pages_read_engagement"],
  INSTAGRAM: ["instagram_basic", "instagram_manage_messages", "pages_manage_metadata", "pages_show_list", "pages_read_engagement"],
  WHATSAPP: ["whatsapp_business_management", "whatsapp_business_messaging"],
};

/** What each permission lets the portal do, in the customer's words (wizard confirm step). */
export const PERMISSION_WORDS: Record<string, string> = {
  pages_messaging: "Send and receive messages as your Page",
  pages_manage_metadata: "Subscribe your Page to message notifications",
  pages_show_list: "See the list of Pages you manage, so you can pick one",
  pages_read_engagement: "Read your Page's name and basic details",
  business_management: "Find Pages that belong to your business portfolio",
  instagram_basic: "Read your Instagram professional account's name and id",
  instagram_manage_messages: "Send and receive Instagram direct messages",
  whatsapp_business_management: "Manage the WhatsApp Business Account you shared",
  whatsapp_business_messaging: "Send and receive WhatsApp messages for your number",
};

export const permissionWords = (scope: string) => PERMISSION_WORDS[scope] ?? scope;

/** Scopes whose `target_ids` list the Pages the user shared in the asset picker. */
export const PAGE_SCOPES = ["pages_messaging", "pages_manage_metadata", "pages_show_list", "pages_read_engagement"] as const;

export const CHANNEL_LABEL: Record<Channel, string> = { MESSENGER: "Messenger", INSTAGRAM: "Instagram", WHATSAPP: "WhatsApp" };

/** Exact settings paths for the Instagram problems the wizard explains (catalogue M4, M5). */
export const INSTAGRAM_HELP = {
  notProfessional:
    "Switch the Instagram account to a professional account: in the Instagram app open Settings and privacy → Account type and tools → Switch to professional account, and choose Business or Creator.",
  notLinked:
    "Link it to this Facebook Page: on Facebook open the Page → Settings → Linked accounts → Instagram → Connect account (or Meta Accounts Center → Accounts → Add accounts).",
  allowAccess:
    "Turn on message access: in the Instagram app open Settings and privacy → Messages and story replies → Message controls → Connected tools → Allow access to messages.",
  writeFirst: "Instagram users must write to you first; you can reply within 24 hours of their last message.",
} as const;

/** Where the WhatsApp Embedded Signup stopped (meta.md section 6.2), with how to continue. */
export const ES_STEP_HELP: Record<string, string> = {
  BUSINESS_ACCOUNT_SELECTION: "You stopped while choosing your business portfolio. Start again and pick (or create) the business that owns your WhatsApp account.",
  WABA_PHONE_PROFILE_PICKER: "You stopped while choosing the WhatsApp Business Account and number. Start again and pick the account and number to connect.",
  WHATSAPP_BUSINESS_PROFILE_SETUP: "You stopped while setting up the WhatsApp business profile. Start again and fill in the display name, category and description.",
  PHONE_NUMBER_SETUP: "You stopped while adding the phone number. Start again and enter a number that is not used in another WhatsApp account.",
  PHONE_NUMBER_VERIFICATION:
    "You stopped while verifying your phone number. Keep the phone at hand, start again and enter the 6-digit code Meta sends by SMS or voice call.",
  PERMISSIONS: "You stopped at the permissions screen. Start again and allow every permission, including sharing the WhatsApp account.",
};

/** Regions a Sinch WhatsApp sender can live in and where Meta may keep data at rest (sinch.md 11, meta.md 6.4). */
export const SENDER_REGIONS = ["EU", "US", "BR"] as const;
export const META_LOCAL_STORAGE = ["UNSPECIFIED", "US", "DE", "CH", "GB", "BR", "CA", "AU", "ID", "IN", "JP", "SG", "KR", "BH", "ZA", "AE"] as const;
