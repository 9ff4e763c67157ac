import { chargeTiered } from './charge-tiered';
import { PRICES, PRICES_AS_OF, PRICES_REGION } from './prices';
import { createCostEstimateInput, type CostEstimate, type CostEstimateInput, type CostLine } from './schemas';
import {
  ANALYZE_LOCAL_WORKLOAD,
  ANALYZE_REKOGNITION_WORKLOAD,
  CLOUDFRONT_ADDITIONAL_METRICS,
  DERIVED_MB_PER_IMAGE,
  FACE_INDEX_COPIES,
  FACE_ITEM_KB,
  FACE_SEARCHES_PER_USER,
  FACES_PER_IMAGE,
  GROUPING_SEARCHES_PER_FACE,
  INDEX_FACES_LOCAL_WORKLOAD,
  INDEX_FACES_REKOGNITION_WORKLOAD,
  ITEM_KB_PER_IMAGE,
  ORIGINAL_MB,
  PAGE_KB,
  PIPELINE_QUEUES,
  PROCESS_IMAGE_WORKLOAD,
  READ_UNITS_PER_IMAGE,
  READ_UNITS_PER_PAGE_VIEW,
  REQUESTS_PER_PAGE_VIEW,
  SECONDS_PER_MONTH,
  S3_GETS_PER_IMAGE,
  S3_PUTS_PER_IMAGE,
  SHARE_FILE_MS,
  SHARED_VIEW_SHARE,
  SQS_IDLE_POLLS_PER_QUEUE_MONTH,
  SQS_REQUESTS_PER_IMAGE,
  TRACED_JOB_INVOCATIONS_PER_IMAGE,
  VIEW_KB,
  WAF_RULES,
  WEB_SERVER_WORKLOAD,
  WRITE_UNITS_PER_FACE,
  WRITE_UNITS_PER_IMAGE,
  XRAY_FIXED_RATE,
  XRAY_RESERVOIR_PER_SECOND,
  XRAY_SCANS_PER_TRACE,
  type LambdaWorkload,
} from './workload';

const MB_PER_GB = 1024;
const KB_PER_GB = 1024 * 1024;

/** GB-seconds of `invocations` runs of `ms` each at `memoryMb`. */
export function gbSeconds(invocations: number, ms: number, memoryMb: number): number {
  return invocations * (ms / 1000) * (memoryMb / MB_PER_GB);
}

function lambdaCost(images: number, workload: LambdaWorkload): number {
  // One invocation per image: batches of several records are rarer than single ones at steady load, so this errs high.
  return gbSeconds(images, workload.msPerImage, workload.memoryMb) * PRICES.lambda.gbSecond.arm64 + images * PRICES.lambda.perRequest;
}

/** The traces X-Ray records of one function's invocations in a month: the first each second, then a fixed share of the rest. */
export function sampledTraces(invocations: number): number {
  const reservoir = XRAY_RESERVOIR_PER_SECOND * SECONDS_PER_MONTH;
  return Math.min(invocations, reservoir) + XRAY_FIXED_RATE * Math.max(0, invocations - reservoir);
}

const workloadBasis = (workload: LambdaWorkload) => `${workload.msPerImage} ms at ${workload.memoryMb} MB`;
const round = (value: number) => Math.round(value * 100) / 100;
const both = (service: string, basis: string, cost: number): CostLine => ({ service, basis, rekognition: cost, builtIn: cost });
const number = (value: number) => Math.round(value).toLocaleString('en-US');
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** A month of AWS for the given usage, priced per service, with the face work (analyze-profile, index-faces, searches) on Rekognition and on the built-in model. */
export function estimateMonthlyCost(rawInput: CostEstimateInput): CostEstimate {
  const input = createCostEstimateInput.parse(rawInput);
  const images = input.users * input.imagesPerUser;
  const storedImages = images * input.monthsRetained;
  const pageViews = input.users * input.pageViewsPerUser;
  const imageViews = images * input.viewsPerImage;

  // Image views go through CloudFront; those its cache misses reach the origin: S3 for a private photo, the server function (which reads S3) for a shared file.
  const imageMisses = imageViews * (1 - input.cacheHitRate);
  const shareFileCalls = imageMisses * SHARED_VIEW_SHARE;
  const pageRequests = pageViews * REQUESTS_PER_PAGE_VIEW;
  const edgeRequests = pageRequests + imageViews;

  const storedGb = (storedImages * (ORIGINAL_MB + DERIVED_MB_PER_IMAGE)) / MB_PER_GB;
  const puts = images * S3_PUTS_PER_IMAGE;
  const gets = images * S3_GETS_PER_IMAGE + imageMisses;
  const imageEgressGb = (imageViews * VIEW_KB) / KB_PER_GB;
  const writeUnits = images * WRITE_UNITS_PER_IMAGE;
  const readUnits = images * READ_UNITS_PER_IMAGE + pageViews * READ_UNITS_PER_PAGE_VIEW;
  const tableGb = (storedImages * ITEM_KB_PER_IMAGE) / KB_PER_GB;
  const sqsRequests = images * SQS_REQUESTS_PER_IMAGE + PIPELINE_QUEUES * SQS_IDLE_POLLS_PER_QUEUE_MONTH;
  const pageGb = (pageViews * PAGE_KB) / KB_PER_GB;
  const webGbSeconds =
    gbSeconds(pageViews, WEB_SERVER_WORKLOAD.msPerPageView, WEB_SERVER_WORKLOAD.memoryMb) + gbSeconds(shareFileCalls, SHARE_FILE_MS, WEB_SERVER_WORKLOAD.memoryMb);
  // One distribution carries pages and images, so its egress tiers are reached by both together, and each pays its share.
  const edgeEgressCost = chargeTiered(pageGb + imageEgressGb, PRICES.cloudfront.egressGb);
  const edgeEgressShare = (gb: number) => (pageGb + imageEgressGb === 0 ? 0 : (edgeEgressCost * gb) / (pageGb + imageEgressGb));

  // Faces accumulate like the photos they are in; each new face is searched from once by grouping.
  const faces = images * FACES_PER_IMAGE;
  const storedFaces = storedImages * FACES_PER_IMAGE;
  const groupingSearches = faces * GROUPING_SEARCHES_PER_FACE;
  const userSearches = input.users * FACE_SEARCHES_PER_USER;
  const faceCollectionCalls = images + groupingSearches + userSearches;
  // IndexFaces and the searches share group 1's tiers, so the group is priced once and shared by calls.
  const faceCollectionCost = chargeTiered(faceCollectionCalls, PRICES.rekognition.faceCollectionImage);
  const faceCollectionShare = (calls: number) => (faceCollectionCalls === 0 ? 0 : (faceCollectionCost * calls) / faceCollectionCalls);
  const faceWriteUnits = faces * WRITE_UNITS_PER_FACE;
  const faceTableGb = (storedFaces * FACE_ITEM_KB * (1 + FACE_INDEX_COPIES)) / KB_PER_GB;

  // The site's server function (an upload's trace starts at its request) and each image's job functions, each sampled on its own.
  const tracesRecorded = sampledTraces(pageViews + shareFileCalls) + TRACED_JOB_INVOCATIONS_PER_IMAGE * sampledTraces(images);
  const tracesScanned = tracesRecorded * XRAY_SCANS_PER_TRACE;

  const lines: CostLine[] = [
    both('S3 storage', `${number(storedGb)} GB of originals and variants`, chargeTiered(storedGb, PRICES.s3.storageGbMonth)),
    both('S3 requests', `${number(puts)} PUT/LIST, ${number(gets)} GET`, puts * PRICES.s3.putPerRequest + gets * PRICES.s3.getPerRequest),
    both(
      'CloudFront (images)',
      `${number(imageEgressGb)} GB, ${number(imageViews)} requests, ${percent(input.cacheHitRate)} from its cache`,
      edgeEgressShare(imageEgressGb) + imageViews * PRICES.cloudfront.httpsPerRequest,
    ),
    both(
      'Lambda process-image',
      `${number(gbSeconds(images, PROCESS_IMAGE_WORKLOAD.msPerImage, PROCESS_IMAGE_WORKLOAD.memoryMb))} GB-s (${PROCESS_IMAGE_WORKLOAD.msPerImage} ms at ${PROCESS_IMAGE_WORKLOAD.memoryMb} MB)`,
      lambdaCost(images, PROCESS_IMAGE_WORKLOAD),
    ),
    {
      service: 'Lambda analyze-profile',
      basis: `${workloadBasis(ANALYZE_REKOGNITION_WORKLOAD)} | ${workloadBasis(ANALYZE_LOCAL_WORKLOAD)}`,
      rekognition: lambdaCost(images, ANALYZE_REKOGNITION_WORKLOAD),
      builtIn: lambdaCost(images, ANALYZE_LOCAL_WORKLOAD),
    },
    {
      service: 'Lambda index-faces',
      basis: `${workloadBasis(INDEX_FACES_REKOGNITION_WORKLOAD)} | ${workloadBasis(INDEX_FACES_LOCAL_WORKLOAD)}`,
      rekognition: lambdaCost(images, INDEX_FACES_REKOGNITION_WORKLOAD),
      builtIn: lambdaCost(images, INDEX_FACES_LOCAL_WORKLOAD),
    },
    {
      service: 'Rekognition DetectFaces',
      basis: `${number(images)} images`,
      rekognition: chargeTiered(images, PRICES.rekognition.detectFacesImage),
      builtIn: 0,
    },
    {
      service: 'Rekognition IndexFaces',
      basis: `${number(images)} images`,
      rekognition: faceCollectionShare(images),
      builtIn: 0,
    },
    {
      service: 'Rekognition SearchFaces',
      basis: `${number(groupingSearches)} grouping + ${number(userSearches)} user searches`,
      rekognition: faceCollectionShare(groupingSearches + userSearches),
      builtIn: 0,
    },
    {
      service: 'Rekognition face storage',
      basis: `${number(storedFaces)} faces in collections`,
      rekognition: storedFaces * PRICES.rekognition.faceStorageMonth,
      builtIn: 0,
    },
    both(
      'Lambda Next.js server',
      `${number(webGbSeconds)} GB-s, ${number(pageViews)} page views + ${number(shareFileCalls)} share-file misses`,
      webGbSeconds * PRICES.lambda.gbSecond[WEB_SERVER_WORKLOAD.architecture] + (pageViews + shareFileCalls) * PRICES.lambda.perRequest,
    ),
    both(
      'DynamoDB on-demand',
      `${number(writeUnits)} WRU, ${number(readUnits)} RRU, ${number(tableGb)} GB`,
      writeUnits * PRICES.dynamodb.writeRequestUnit + readUnits * PRICES.dynamodb.readRequestUnit + tableGb * (PRICES.dynamodb.storageGbMonth + PRICES.dynamodb.pitrGbMonth),
    ),
    both(
      'DynamoDB face items',
      `${number(faceWriteUnits)} WRU, ${number(faceTableGb)} GB`,
      faceWriteUnits * PRICES.dynamodb.writeRequestUnit + faceTableGb * (PRICES.dynamodb.storageGbMonth + PRICES.dynamodb.pitrGbMonth),
    ),
    both('SQS', `${number(sqsRequests)} requests`, sqsRequests * PRICES.sqs.perRequest),
    both('CloudFront (site pages)', `${number(pageGb)} GB, ${number(pageRequests)} requests`, edgeEgressShare(pageGb) + pageRequests * PRICES.cloudfront.httpsPerRequest),
    both('CloudWatch (CloudFront metrics)', `${CLOUDFRONT_ADDITIONAL_METRICS} metrics`, CLOUDFRONT_ADDITIONAL_METRICS * PRICES.cloudwatch.metricMonth),
    both(
      'X-Ray',
      `${number(tracesRecorded)} traces recorded (1/s, then 5%), ${number(tracesScanned)} scanned`,
      chargeTiered(tracesRecorded, PRICES.xray.traceRecorded) + chargeTiered(tracesScanned, PRICES.xray.traceScanned),
    ),
    ...(input.waf
      ? [
          both(
            'WAF',
            `1 web ACL, ${WAF_RULES} rules, ${number(edgeRequests)} requests`,
            PRICES.waf.webAclMonth + WAF_RULES * PRICES.waf.ruleMonth + edgeRequests * PRICES.waf.perRequest,
          ),
        ]
      : []),
  ].map((line) => ({ ...line, rekognition: round(line.rekognition), builtIn: round(line.builtIn) }));

  const sum = (key: 'rekognition' | 'builtIn') => round(lines.reduce((total, line) => total + line[key], 0));
  return {
    input,
    images,
    pricesAsOf: PRICES_AS_OF,
    region: PRICES_REGION,
    lines,
    total: { rekognition: sum('rekognition'), builtIn: sum('builtIn') },
  };
}
