// Runs before each test file (jest.config.js setupFilesAfterEnv). jest-circus ignores a project's
// own testTimeout and reads only the global one, so each project passes its timeout as a global.
const timeoutMs = (globalThis as { CORDAGE_TEST_TIMEOUT_MS?: unknown }).CORDAGE_TEST_TIMEOUT_MS;
if (typeof timeoutMs !== 'number') throw new Error('CORDAGE_TEST_TIMEOUT_MS is not set');
jest.setTimeout(timeoutMs);
