export * from './schemas';
export { requestInvalidation } from './request-invalidation';
export { invalidationsLeftToFinish } from './invalidations-left-to-finish';
export { MAX_PATHS_PER_INVALIDATION } from './limits';
