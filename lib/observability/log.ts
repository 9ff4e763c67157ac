import { Logger } from '@aws-lambda-powertools/logger';
import { observabilitySettings } from '../config';

/**
 * Structured JSON logs, the same under the local cloud and on Lambda (POWERTOOLS_LOG_LEVEL sets the
 * level). Handlers append the image id as the correlation id so one upload can be followed across functions.
 */
export const log = new Logger({ serviceName: observabilitySettings().serviceName });
