/**
 * The portal's integration URLs pointed at one emulator (same layout as the live services). Plain
 * JavaScript so that `scripts/test.mjs` (node without a TypeScript loader) and the TypeScript e2e
 * set-up and chaos run share it.
 * @param {string} emulatorURL
 */
export function emulatorUrls(emulatorURL) {
  return {
    SINCH_AUTH_URL: `${emulatorURL}/sinch/auth`,
    SINCH_CONVERSATION_URL: `${emulatorURL}/sinch/conversation/{region}`,
    SINCH_PROVISIONING_URL: `${emulatorURL}/sinch/provisioning`,
    SINCH_SUBPROJECTS_URL: `${emulatorURL}/sinch/subprojects`,
    META_GRAPH_URL: `${emulatorURL}/graph`,
    META_SDK_URL: `${emulatorURL}/meta/sdk.js`,
    META_ALLOWED_ORIGINS: emulatorURL,
  };
}
