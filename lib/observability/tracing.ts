import { AsyncLocalStorage } from 'node:async_hooks';
import { getXrayTraceDataFromEnv } from '@aws-lambda-powertools/commons/utils/env';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type xraySdk from 'aws-xray-sdk-core';
import { z } from 'zod';
import { observabilitySettings, tracingSettings } from '../config';
import { log } from './log';

/*
 * X-Ray tracing with Powertools' Tracer, on every function and the site's server (docs/deploy.md#tracing).
 *
 * S3 does not hand a trace on to SQS, so an upload's trace would end at the presign. It is carried
 * by hand instead, as an X-Ray trace header in the user metadata of each job's trigger object
 * (x-amz-meta-trace): the site signs it into the upload URL, the runner reads it with the object,
 * runs the work as a segment of that trace, and a job that queues another hands its own segment on
 * the same way. The header travels whether tracing is on or off; only recording needs the tracer.
 *
 * The tracer and the X-Ray SDK are imported only where tracing is on (on Lambda; the local cloud is
 * not), on a handler's first event: off, they cost neither load time nor a call.
 */

/** The user metadata key (x-amz-meta-trace) that carries the trace header on a trigger object. */
export const TRACE_METADATA_KEY = 'trace';

/** What an X-Ray trace header says, as far as handing a trace on needs. */
export interface TraceContext {
  root: string;
  parent: string;
  sampled: boolean;
}

const TraceHeaderSchema = z
  .string()
  .max(256)
  .transform((header) => Object.fromEntries(header.split(';').map((field) => field.trim().split('=', 2))) as Record<string, string | undefined>)
  .pipe(
    z.object({
      Root: z.string().regex(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/),
      Parent: z.string().regex(/^[0-9a-f]{16}$/),
      Sampled: z.enum(['0', '1']).optional(),
    }),
  )
  .transform(({ Root, Parent, Sampled }): TraceContext => ({ root: Root, parent: Parent, sampled: Sampled === '1' }));

/** A trace header (`Root=1-…;Parent=…;Sampled=1`), or undefined for anything else: a trigger's metadata is never trusted to be one. */
export function parseTraceHeader(header: unknown): TraceContext | undefined {
  const parsed = TraceHeaderSchema.safeParse(header);
  return parsed.success ? parsed.data : undefined;
}

export function formatTraceHeader(trace: TraceContext): string {
  return `Root=${trace.root};Parent=${trace.parent};Sampled=${trace.sampled ? 1 : 0}`;
}

/** The trace of the job run under way in this async context, if it carried one. */
const jobTrace = new AsyncLocalStorage<TraceContext>();

/**
 * The trace that work queued from here belongs to: the job run's (its own segment as the parent),
 * else this Lambda invocation's (the site's request that signs an upload URL), else none (the local
 * cloud, which traces nothing).
 */
export function currentTrace(): TraceContext | undefined {
  const inJob = jobTrace.getStore();
  if (inJob) return inJob;
  const invocation = getXrayTraceDataFromEnv();
  return parseTraceHeader(invocation && `Root=${invocation.Root};Parent=${invocation.Parent};Sampled=${invocation.Sampled ?? '0'}`);
}

/** The user metadata that hands the current trace on to the job a trigger object starts: none where there is no trace. */
export function traceMetadata(): Record<string, string> {
  const trace = currentTrace();
  return trace ? { [TRACE_METADATA_KEY]: formatTraceHeader(trace) } : {};
}

interface LoadedTracer {
  tracer: Tracer;
  xray: typeof xraySdk;
}

let loaded: LoadedTracer | undefined;
let loading: Promise<LoadedTracer | undefined> | undefined;
/** Clients made before the tracer finished loading: captured once it has. */
const waiting = new Set<object>();

/** Loads the tracer where tracing is on, once; resolves to undefined where it is off. */
export function loadTracer(): Promise<LoadedTracer | undefined> {
  if (!tracingSettings().enabled) return Promise.resolve(undefined);
  loading ??= (async () => {
    const [{ Tracer }, { default: xray }] = await Promise.all([import('@aws-lambda-powertools/tracer'), import('aws-xray-sdk-core')]);
    loaded = { tracer: new Tracer({ serviceName: observabilitySettings().serviceName }), xray };
    for (const client of waiting) loaded.tracer.captureAWSv3Client(client);
    waiting.clear();
    return loaded;
  })();
  return loading;
}

/** Records an AWS SDK v3 client's calls as subsegments where tracing is on; does nothing where it is off. */
export function traceAwsClient<Client extends object>(client: Client): Client {
  if (loaded) loaded.tracer.captureAWSv3Client(client);
  else if (tracingSettings().enabled) waiting.add(client);
  return client;
}

/**
 * Wraps a function's handler: where tracing is on, each invocation is a `## handler` subsegment of
 * the invocation's segment, annotated with the cold start and the service, with its error if it
 * throws (Powertools' manual instrumentation, as its captureLambdaHandler does for a class).
 */
export function withTracing<Args extends unknown[], Result>(handler: (...args: Args) => Promise<Result>): (...args: Args) => Promise<Result> {
  return async (...args) => {
    const active = await loadTracer();
    const invocation = active?.tracer.getSegment();
    if (!active || !invocation) return handler(...args);
    const { tracer } = active;
    const subsegment = invocation.addNewSubsegment('## handler');
    tracer.setSegment(subsegment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    try {
      return await handler(...args);
    } catch (error) {
      tracer.addErrorAsMetadata(error as Error);
      throw error;
    } finally {
      subsegment.close();
      tracer.setSegment(invocation);
    }
  };
}

/**
 * What a job run is, as its trace segment is annotated: its kind, and the id of its subject where that
 * is not its owner. Annotations are indexed and kept 30 days by X-Ray, beyond any account deletion, so
 * a user id is never one (docs/deploy.md#tracing).
 */
export interface TracedJob {
  kind: string;
  subjectId?: string;
}

/**
 * Runs a job's work as part of the trace its trigger carried (`header`, from x-amz-meta-trace): where
 * tracing is on and that trace was sampled, as a segment of its own named after the kind, a child of
 * whoever queued it, which the AWS SDK's calls are recorded under; what the work queues then names
 * this segment as its parent. Where tracing is off, the header is handed on as it came. A missing or
 * malformed header runs the work in the invocation's own trace.
 */
export async function continueTrace<Result>(header: unknown, job: TracedJob, work: () => Promise<Result>): Promise<Result> {
  const carried = parseTraceHeader(header);
  if (!carried) {
    if (header !== undefined) log.warn('Ignored a trigger trace that is not an X-Ray trace header', { kind: job.kind });
    return work();
  }
  if (!loaded || !carried.sampled) return jobTrace.run(carried, work);
  const { tracer, xray } = loaded;
  const segment = new xray.Segment(job.kind, carried.root, carried.parent);
  segment.addAnnotation('job_kind', job.kind);
  if (job.subjectId) segment.addAnnotation('subject', job.subjectId);
  const invocation = getXrayTraceDataFromEnv()?.Root;
  if (invocation) segment.addMetadata('invocation_trace', invocation);
  // A context of its own, so that the segment is current for this run alone, not for the invocation around it.
  return xray.getNamespace().runPromise(async () => {
    tracer.setSegment(segment);
    try {
      const result = await jobTrace.run({ root: carried.root, parent: segment.id, sampled: true }, work);
      segment.close();
      return result;
    } catch (error) {
      segment.close(error as Error);
      throw error;
    }
  });
}
