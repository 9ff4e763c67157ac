/*
 * What one image costs in Lambda time. infra/functions.ts sizes the functions from these same
 * numbers, so the deployed memory and the cost model cannot disagree. The durations come from
 * `npm run bench` (per-image handler time at the given memory); update them when the benchmark moves.
 */

export interface LambdaWorkload {
  /** Configured memory, which is also what Lambda bills per millisecond. */
  memoryMb: number;
  /** Billed duration of handling one image, in milliseconds. */
  msPerImage: number;
}

/*
 * 1769 MB is where Lambda hands out one full vCPU; sharp's resize and encode are CPU-bound, so less
 * memory only stretches the billed time, and more adds vCPUs that one image at a time cannot use.
 */
// `npm run bench`: handler_13mp_ms 862 (S3 read, 12 outputs with a watermark, S3 and DynamoDB writes), rounded up.
export const PROCESS_IMAGE_WORKLOAD: LambdaWorkload = { memoryMb: 1769, msPerImage: 900 };

/*
 * The built-in face model: TensorFlow.js on WASM on one core. `npm run bench`: faces_local_median_ms 371,
 * faces_local_p95_ms 436 at 1024 px, with the small-face pass (lib/faces/find-faces.ts); the p95, rounded
 * up, covers decoding the input and writing the crops.
 */
export const ANALYZE_LOCAL_WORKLOAD: LambdaWorkload = { memoryMb: 1536, msPerImage: 450 };

/* With Rekognition the function mostly waits on the API call; it only decodes and forwards the photo. */
export const ANALYZE_REKOGNITION_WORKLOAD: LambdaWorkload = { memoryMb: 512, msPerImage: 400 };

/*
 * index-faces with the built-in model: detection with the small-face pass, a descriptor per face, the
 * face thumbnails, the table writes and grouping's searches. `npm run bench`: face_index_job_median_ms 901
 * for the three-face group photo; rounded up to 1,000 ms for photos with more faces.
 */
export const INDEX_FACES_LOCAL_WORKLOAD: LambdaWorkload = { memoryMb: 2048, msPerImage: 1000 };

/*
 * index-faces with Rekognition: IndexFaces does the work, then a SearchFaces per new face for grouping;
 * the function waits, and cuts the face thumbnails with sharp, which wants more than 256 MB for a 2048-px JPEG.
 */
export const INDEX_FACES_REKOGNITION_WORKLOAD: LambdaWorkload = { memoryMb: 512, msPerImage: 400 };

/* describe-faces: the built-in model on one query photo for the site (detection and descriptors), as in index-faces. */
export const DESCRIBE_FACES_WORKLOAD: LambdaWorkload = { memoryMb: 2048, msPerImage: 1000 };

/*
 * The LinkedIn-ready photo (lib/linkedin-ready): face analysis, framing, light, segmentation and matte,
 * a blurred background and the JPEG, then the face read again, for a 12-MP photo on one core.
 * `npm run bench`: linkedin_ready_median_ms 1765 (1753–1913 over three runs on a shared machine),
 * linkedin_ready_peak_rss_mb 560. 1769 MB for the one full vCPU the figure was measured on (3.2× the
 * peak; 1,152 MB would hold it at 2× but on part of a vCPU, stretching the time); 2,000 ms is the
 * median rounded up for reading the original and storing the result.
 */
export const LINKEDIN_READY_WORKLOAD: LambdaWorkload = { memoryMb: 1769, msPerImage: 2000 };

/*
 * What one image and one user consume besides Lambda time. Estimates, not measurements: each says
 * where it comes from, and `npm run cost` takes flags for the ones that vary most between apps.
 */

/** A phone photo as uploaded (the upload limit is 25 MB; typical JPEGs are 2-4 MB). */
export const ORIGINAL_MB = 3;
/* 4 sizes × WebP and JPEG, plus 2 watermarked sizes × 2 formats (lib/images/transform/limits.ts), plus the copy left for analysis. */
export const DERIVED_OBJECTS_PER_IMAGE = 13;
/** Their combined size: dominated by the 2048 px and 1280 px encodings. */
export const DERIVED_MB_PER_IMAGE = 2.6;
/** S3 PUT-class requests: the browser's upload, the derived objects, and one LIST to clear a half-written set. */
export const S3_PUTS_PER_IMAGE = 1 + DERIVED_OBJECTS_PER_IMAGE + 1;
/** S3 GETs by the pipeline: process-image reads the original, analyze-profile reads its copy. */
export const S3_GETS_PER_IMAGE = 2;

/*
 * Image views go through CloudFront: the owner's photos from the media bucket (signed cookies), shared
 * files from the server function. Each view is priced as a CloudFront request with its bytes; a repeat
 * view that the browser answers from its cache (the URLs never change) costs nothing, and is not
 * subtracted, so the figure errs high. A view CloudFront's cache cannot answer goes to the origin: one S3
 * GET for a private photo; for a shared file, a call of the server function, which reads S3 once.
 */
/** How often an image is looked at in a month (gallery, detail page, share link). */
export const DEFAULT_VIEWS_PER_IMAGE = 10;
/** What one view transfers: a 640 px WebP, the size the gallery shows. */
export const VIEW_KB = 100;
/**
 * The share of image requests CloudFront answers from its cache (CacheHitRate, docs/deploy.md says how
 * to read it). An assumption: shared files are fetched by many and hit often, a private photo is fetched
 * by one person and mostly once per browser. Check it against the deployed figure: `--cache-hit-rate`.
 */
export const DEFAULT_CACHE_HIT_RATE = 0.8;
/** The share of image views that are of shared files (a share link's page or file), the rest being owners' own photos. */
export const SHARED_VIEW_SHARE = 0.2;
/** The server function answering a shared file CloudFront did not have: one S3 read streamed back, about 50 ms billed. */
export const SHARE_FILE_MS = 50;

/* DynamoDB, per image: insert, claim, complete with variants, analysis result, each also written to up to two GSIs. */
export const WRITE_UNITS_PER_IMAGE = 12;
/** Reads by the pipeline: the image item at each step, eventually consistent. */
export const READ_UNITS_PER_IMAGE = 4;
/** A page listing a user's images: one Query of about 20 items of 1 KB. */
export const READ_UNITS_PER_PAGE_VIEW = 3;
/** The image item (variants, scores) and its two index copies. */
export const ITEM_KB_PER_IMAGE = 6;

/*
 * Faces, per image and per user. Assumptions, not measurements: uploads are mostly portraits and
 * selfies with one face, and the group shots among them pull the mean up.
 */
export const FACES_PER_IMAGE = 1.5;
/** Grouping searches once from each new face of an indexed photo (lib/people/group-new-faces.ts). */
export const GROUPING_SEARCHES_PER_FACE = 1;
/** Searches a user starts in a month: a face clicked to see that person's photos, or a photo searched with. */
export const FACE_SEARCHES_PER_USER = 5;
/** A face item: ids, box, thumbnail key, and the built-in model's descriptor (1,024 int8 in base64) or Rekognition's face id. */
export const FACE_ITEM_KB = 1.4;
/** Copies of a face item besides its own: the byPerson index projects the whole item once the face joins a person. */
export const FACE_INDEX_COPIES = 1;
/** Writes per face: the item (2 WRU at 1.4 KB), then grouping's personId (the item again, 2, and its index copy, 2). */
export const WRITE_UNITS_PER_FACE = 6;

/* SQS, per image and per queue: the S3 event's send, plus its share of a batched receive and delete. */
export const SQS_REQUESTS_PER_IMAGE = 2 * 1.4;
/* Lambda long-polls each queue around the clock (several pollers, 20 s waits), even when it is empty. */
export const SQS_IDLE_POLLS_PER_QUEUE_MONTH = 650_000;
export const PIPELINE_QUEUES = 3;

/** Page views per user a month, each rendered by the Next.js server function and served through CloudFront. */
export const DEFAULT_PAGE_VIEWS_PER_USER = 20;
/** HTML, RSC payload and the JS/CSS not already cached by the browser. */
export const PAGE_KB = 250;
/** CloudFront requests per page view: the document plus uncached assets and data fetches. */
export const REQUESTS_PER_PAGE_VIEW = 8;
/** The Next.js server: 1024 MB (SST's default) on arm64 (infra/site-build.ts); about 150 ms billed per server render. */
export const WEB_SERVER_WORKLOAD = { memoryMb: 1024, msPerPageView: 150, architecture: 'arm64' } as const;

/*
 * The edge's guard and gauges. The web ACL (infra/waf.ts, with WAF on) holds AWS's common rule set and a
 * rate-based rule for each of /sign-in, /s/ and /api/: four rules, which the graph test holds it to. It
 * inspects every request to the distribution, pages and images alike.
 */
export const WAF_RULES = 4;
/** CloudFront's additional metrics (infra/monitoring.ts) are eight CloudWatch metrics per distribution. */
export const CLOUDFRONT_ADDITIONAL_METRICS = 8;

/*
 * X-Ray (active tracing on every function, docs/deploy.md#tracing). Lambda samples each function's
 * invocations by X-Ray's default rule: the first request each second, then 5% of the rest. The model
 * spreads each function's invocations evenly over the month, which errs high: a burst has more
 * requests beyond the first of its seconds, and fewer of them are recorded.
 */
export const XRAY_RESERVOIR_PER_SECOND = 1;
export const XRAY_FIXED_RATE = 0.05;
export const SECONDS_PER_MONTH = 30.4167 * 24 * 3600;
/**
 * Invocations per image of the job functions that each start a trace of their own (SQS hands them
 * none): process-image, analyze-profile and index-faces. The segments they add to the upload's trace
 * are in a trace already recorded, the site's request's, and cost nothing more.
 */
export const TRACED_JOB_INVOCATIONS_PER_IMAGE = 3;
/** Each recorded trace read once in the month by a search or a trace view in the console. */
export const XRAY_SCANS_PER_TRACE = 1;
