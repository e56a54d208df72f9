// Runs before each integration test file, before any src module loads: configuration for tests.
(process.env as Record<string, string | undefined>).NODE_ENV ??= "test";
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? "silent";
process.env.AUTH_SECRET ??= "test-auth-secret-test-auth-secret-0123456789";
process.env.ENCRYPTION_KEYS ??= "test1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
process.env.JOBS_ENABLED = "false";
process.env.PUBLIC_URL ??= "http://portal.test";

// Each test file gets an emulator port of its own, set before any src module reads its settings, so
// files, workers and concurrent runs on one machine never reset or answer each other's emulator.
const emulatorPort = 20_000 + Math.floor(Math.random() * 20_000);
const emu = `http://127.0.0.1:${emulatorPort}`;
process.env.TEST_EMULATOR_PORT = String(emulatorPort);
process.env.SINCH_AUTH_URL = `${emu}/sinch/auth`;
process.env.SINCH_CONVERSATION_URL = `${emu}/sinch/conversation/{region}`;
process.env.SINCH_PROVISIONING_URL = `${emu}/sinch/provisioning`;
process.env.SINCH_SUBPROJECTS_URL = `${emu}/sinch/subprojects`;
process.env.META_GRAPH_URL = `${emu}/graph`;
process.env.META_SDK_URL = `${emu}/meta/sdk.js`;
process.env.META_ALLOWED_ORIGINS = emu;
