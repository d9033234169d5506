// The one browser difference every script meets: Firefox names the API `browser`.
globalThis.ext = globalThis.browser ?? globalThis.chrome;
