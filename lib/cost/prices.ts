/*
 * AWS list prices for us-east-1 (N. Virginia), in USD, without free tiers (but X-Ray's, below), savings plans or taxes.
 * Transcribed from the public pricing pages below; AWS changes them, so re-check PRICES_AS_OF's
 * pages before quoting a figure. Every other file reads prices from here.
 */

export const PRICES_AS_OF = '2025-06-01';
export const PRICES_REGION = 'us-east-1';

export const PRICE_SOURCES = [
  'https://aws.amazon.com/s3/pricing/',
  'https://aws.amazon.com/lambda/pricing/',
  'https://aws.amazon.com/dynamodb/pricing/on-demand/',
  'https://aws.amazon.com/sqs/pricing/',
  'https://aws.amazon.com/rekognition/pricing/',
  'https://aws.amazon.com/cloudfront/pricing/',
  'https://aws.amazon.com/waf/pricing/',
  'https://aws.amazon.com/cloudwatch/pricing/',
  'https://aws.amazon.com/xray/pricing/',
] as const;

/** A graduated price: the first `upTo` units of the month at `price`, the next ones at the following tier's. */
export interface PriceTier {
  /** Cumulative units at which the tier ends; Infinity for the last one. */
  upTo: number;
  /** USD per unit within the tier. */
  price: number;
}

const TB = 1024; // GB

export const PRICES = {
  s3: {
    /** Standard storage, USD per GB-month. */
    storageGbMonth: [
      { upTo: 50 * TB, price: 0.023 },
      { upTo: 500 * TB, price: 0.022 },
      { upTo: Infinity, price: 0.021 },
    ] satisfies PriceTier[],
    /** PUT, COPY, POST and LIST requests. */
    putPerRequest: 0.005 / 1000,
    /** GET, SELECT and all other requests (DELETE is free). */
    getPerRequest: 0.0004 / 1000,
    /** Data transfer out to the internet, USD per GB. */
    egressGb: [
      { upTo: 10 * TB, price: 0.09 },
      { upTo: 50 * TB, price: 0.085 },
      { upTo: 150 * TB, price: 0.07 },
      { upTo: Infinity, price: 0.05 },
    ] satisfies PriceTier[],
  },
  lambda: {
    /** USD per GB-second, first pricing tier (6 billion GB-s a month on x86, 7.5 billion on arm64). */
    gbSecond: { arm64: 0.0000133334, x86_64: 0.0000166667 },
    perRequest: 0.2 / 1_000_000,
  },
  dynamodb: {
    /** On-demand, since the November 2024 price cut. */
    writeRequestUnit: 0.625 / 1_000_000,
    readRequestUnit: 0.125 / 1_000_000,
    storageGbMonth: 0.25,
    /** Continuous backups (point-in-time recovery), per GB-month of table size. */
    pitrGbMonth: 0.2,
  },
  sqs: {
    /** Standard queues; each 64 KB chunk of a request counts as one request. */
    perRequest: 0.4 / 1_000_000,
  },
  rekognition: {
    /** Image API group 2 (DetectFaces, DetectLabels, ...), USD per image analysed. */
    detectFacesImage: [
      { upTo: 1_000_000, price: 0.001 },
      { upTo: 5_000_000, price: 0.0008 },
      { upTo: 35_000_000, price: 0.0006 },
      { upTo: Infinity, price: 0.00025 },
    ] satisfies PriceTier[],
    /**
     * Image API group 1, the face collection calls (IndexFaces, SearchFaces, SearchFacesByImage,
     * CompareFaces), USD per image: each call is one image, and the group's calls share its tiers.
     */
    faceCollectionImage: [
      { upTo: 1_000_000, price: 0.001 },
      { upTo: 5_000_000, price: 0.0008 },
      { upTo: 35_000_000, price: 0.0006 },
      { upTo: Infinity, price: 0.00025 },
    ] satisfies PriceTier[],
    /** Face metadata kept in collections, USD per face per month, pro rata ($0.01 per 1,000 faces). */
    faceStorageMonth: 0.00001,
  },
  cloudfront: {
    /** Data transfer out to the internet from US / Europe edges, USD per GB. */
    egressGb: [
      { upTo: 10 * TB, price: 0.085 },
      { upTo: 50 * TB, price: 0.08 },
      { upTo: 150 * TB, price: 0.06 },
      { upTo: 500 * TB, price: 0.04 },
      { upTo: 1024 * TB, price: 0.03 },
      { upTo: 5 * 1024 * TB, price: 0.025 },
      { upTo: Infinity, price: 0.02 },
    ] satisfies PriceTier[],
    /** HTTPS requests from US / Europe edges. */
    httpsPerRequest: 0.01 / 10_000,
  },
  waf: {
    /** A web ACL, USD per month, pro rata by the hour. */
    webAclMonth: 5,
    /** Each rule in it, a managed rule group counting as one (AWS's common rule set has no fee of its own). */
    ruleMonth: 1,
    /** Every request the web ACL inspects. */
    perRequest: 0.6 / 1_000_000,
  },
  cloudwatch: {
    /** A custom metric (CloudFront's additional metrics are billed as such), first 10,000 metrics. */
    metricMonth: 0.3,
  },
  /*
   * X-Ray. Its free tier is the one priced here: it is perpetual, not a first-year offer, and at small
   * scale it is most of what tracing costs.
   */
  xray: {
    /** Traces recorded, the first 100,000 of each month free. */
    traceRecorded: [
      { upTo: 100_000, price: 0 },
      { upTo: Infinity, price: 5 / 1_000_000 },
    ] satisfies PriceTier[],
    /** Traces retrieved or scanned (searches and trace views in the console), the first million of each month free. */
    traceScanned: [
      { upTo: 1_000_000, price: 0 },
      { upTo: Infinity, price: 0.5 / 1_000_000 },
    ] satisfies PriceTier[],
  },
} as const;
