// Runs before each integration test file, before any src module loads: configuration for tests.
(process.env as Record<string, string | undefined>).NODE_ENV ??= "test";
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? "silent";
process.env.AUTH_SECRET ??= "test-auth-secret-test-auth-secret-0123456789";
process.env.ENCRYPTION_KEYS ??= "test1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
process.env.JOBS_ENABLED = "false";
process.env.PUBLIC_URL ??= "http://portal.test";
