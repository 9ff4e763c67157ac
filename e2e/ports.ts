/** The e2e suite's own ports, so that a running `npm run dev` is left alone. */
export const E2E_PORTS = { app: 3100, s3: 4668, dynamo: 4667 };
