import { UserError } from '../user-error';

/** An upload refused because it would take its owner past their storage quota. */
export class QuotaExceededError extends UserError {
  override name = 'QuotaExceededError';
}
