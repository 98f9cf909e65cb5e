// The LINE channel the Worker tests pretend to be: shared by the Node-side emulator and the Worker env.
export const TEST_LINE = {
  channelSecret: "worker-test-channel-secret",
  channelAccessToken: "worker-test-access-token",
} as const;

/** The Worker tests' DATA_ENCRYPTION_KEY (32 bytes of 0x2a in base64). */
export const TEST_DATA_KEY = "KioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKio=";
