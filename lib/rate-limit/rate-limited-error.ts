import { UserError } from '../user-error';

/** A refusal under a rate limit; retryAfterSeconds is what an HTTP answer puts in Retry-After. */
export class RateLimitedError extends UserError {
  override name = 'RateLimitedError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
