// The LINE channel the Worker tests pretend to be: shared by the Node-side emulator and the Worker env.
export const TEST_LINE = {
  channelSecret: "worker-test-channel-secret",
  channelAccessToken: "worker-test-access-token",
} as const;
