/**
 * The name logs and metrics carry as their service: the one infra/ gives each function in
 * POWERTOOLS_SERVICE_NAME, else Lambda's own function name, else the app's. Passing a fixed name to
 * Powertools would override the variable, so every function would report as one service.
 */
export function serviceName(env: Record<string, string | undefined> = process.env): string {
  return env.POWERTOOLS_SERVICE_NAME || env.AWS_LAMBDA_FUNCTION_NAME || 'headshot';
}
