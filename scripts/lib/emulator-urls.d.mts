export declare function emulatorUrls(emulatorURL: string): {
  SINCH_AUTH_URL: string;
  SINCH_CONVERSATION_URL: string;
  SINCH_PROVISIONING_URL: string;
  SINCH_SUBPROJECTS_URL: string;
  META_GRAPH_URL: string;
  META_SDK_URL: string;
  META_ALLOWED_ORIGINS: string;
};
