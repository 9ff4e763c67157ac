export * from './schemas';
export * from './topics';
export * from './limits';
export { issueLiveToken, verifyLiveToken, type LiveTokenClaims } from './live-token';
export { authorizeLiveConnection, liveClientIdPrefix, livePrincipal, LiveAuthorizerEventSchema, type LiveAuthorizerResponse } from './authorize-live-connection';
export { publishLiveEvent } from './publish-live-event';
export { liveConnectionFor, liveOrigin } from './live-connection';
