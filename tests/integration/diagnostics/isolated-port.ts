// Imported first by every diagnostics test file, before any src module reads its configuration:
// gives this file's emulator a port of its own, so runs that happen at the same time on one machine
// (several workers, several checkouts) never reset or answer each other's emulator.
const port = 20_000 + Math.floor(Math.random() * 20_000);
const emu = `http://127.0.0.1:${port}`;
process.env.TEST_EMULATOR_PORT = String(port);
process.env.SINCH_AUTH_URL = `${emu}/sinch/auth`;
process.env.SINCH_CONVERSATION_URL = `${emu}/sinch/conversation/{region}`;
process.env.SINCH_PROVISIONING_URL = `${emu}/sinch/provisioning`;
process.env.SINCH_SUBPROJECTS_URL = `${emu}/sinch/subprojects`;
process.env.META_GRAPH_URL = `${emu}/graph`;
process.env.META_SDK_URL = `${emu}/meta/sdk.js`;
process.env.META_ALLOWED_ORIGINS = emu;
export {};
