// Build flags. The shipped build has none set; extension/build.mjs --test (the end-to-end tests'
// build, tests/e2e/extension-lib.mjs) writes this file again with TEST_HOSTS = ['127.0.0.1'], so
// that the tests' fixtures served on 127.0.0.1 can be fetched as feeds and articles. No other
// build may fetch a loopback or private address (lib/net.js).

/** Hosts that the feed fetcher allows although they are not public (the test build's only). */
export const TEST_HOSTS = [];
