export { findInconsistencies, type Inconsistency } from './find-inconsistencies';
