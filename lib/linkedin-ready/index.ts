export * from './schemas';
export { makeLinkedInReady } from './make-linkedin-ready';
export { LINKEDIN_MAX_BYTES } from './encode-ready-jpeg';
export { READY_MAX_SIDE, MAX_ROLL_CORRECTION_DEGREES } from './plan-frame';
export { measureEdge, type EdgeQuality } from './measure-edge';
