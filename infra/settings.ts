import { z } from 'zod';

/*
 * Deploy-time choices, read from the environment of `sst deploy` / `sst dev`. They live here, not in
 * sst.config.ts, so that they are parsed (and tested) without the SST globals.
 */

export const FACE_ANALYZERS = ['rekognition', 'local'] as const;
/** How data at rest is encrypted: S3's and DynamoDB's own keys, or one customer-managed KMS key for both. */
export const ENCRYPTIONS = ['s3', 'kms'] as const;
/** Whether an AWS WAF web ACL guards the site's distribution (infra/waf.ts). */
export const WAF_CHOICES = ['on', 'off'] as const;
export type FaceAnalyzer = (typeof FACE_ANALYZERS)[number];

const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

export const createInfraSettingsInput = z.object({
  /** Which face adapter analyze-profile runs; the built-in model needs no AWS AI service. */
  FACE_ANALYZER: z.enum(FACE_ANALYZERS).default('rekognition'),
  /** Days after which uploaded originals are deleted; unset or 0 keeps them. */
  UPLOAD_EXPIRY_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
  /** Custom domain for the site (a Route 53 hosted zone for it must exist in the account). */
  HEADSHOT_DOMAIN: optionalText,
  /** Where the dead-letter alarm sends mail; the subscription must be confirmed once. */
  ALERT_EMAIL: optionalText.pipe(z.email().optional()),
  /** kms: a customer-managed key (auditable in CloudTrail, revocable, rotated yearly) encrypts both buckets and the table. */
  ENCRYPTION: z.enum(ENCRYPTIONS).default('s3'),
  /** on: a WAF web ACL on the distribution (AWS's common rules, per-address rate limits); unset: on for production stages only. */
  WAF: z.enum(WAF_CHOICES).optional(),
});

export interface InfraSettings {
  faceAnalyzer: FaceAnalyzer;
  /** null: originals are kept until the user deletes them. */
  uploadExpiryDays: number | null;
  domain: string | undefined;
  alertEmail: string | undefined;
  encryption: (typeof ENCRYPTIONS)[number];
  /** undefined: the stage decides (wafEnabled). */
  waf: (typeof WAF_CHOICES)[number] | undefined;
}

export function readInfraSettings(env: Record<string, string | undefined>): InfraSettings {
  const parsed = createInfraSettingsInput.parse({
    FACE_ANALYZER: env.FACE_ANALYZER || undefined,
    UPLOAD_EXPIRY_DAYS: env.UPLOAD_EXPIRY_DAYS || undefined,
    HEADSHOT_DOMAIN: env.HEADSHOT_DOMAIN,
    ALERT_EMAIL: env.ALERT_EMAIL,
    ENCRYPTION: env.ENCRYPTION || undefined,
    WAF: env.WAF || undefined,
  });
  return {
    faceAnalyzer: parsed.FACE_ANALYZER,
    uploadExpiryDays: parsed.UPLOAD_EXPIRY_DAYS > 0 ? parsed.UPLOAD_EXPIRY_DAYS : null,
    domain: parsed.HEADSHOT_DOMAIN,
    alertEmail: parsed.ALERT_EMAIL,
    encryption: parsed.ENCRYPTION,
    waf: parsed.WAF,
  };
}

/** Stages whose data outlives `sst remove` and whose stack cannot be removed by accident. */
export const PROTECTED_STAGES = ['prod', 'production'];

export function isProtectedStage(stage: string): boolean {
  return PROTECTED_STAGES.includes(stage);
}

/**
 * Whether the stage gets the web ACL: as WAF says, else on where real visitors are (the protected
 * stages), and off for development and preview stages, which would pay its $9 a month each for nothing.
 */
export function wafEnabled(settings: Pick<InfraSettings, 'waf'>, stage: string): boolean {
  return settings.waf === undefined ? isProtectedStage(stage) : settings.waf === 'on';
}
