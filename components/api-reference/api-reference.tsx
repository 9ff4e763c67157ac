import { anchors, type ApiReference as Reference, type ReferenceOperation } from './reference';
import { Described, SchemaType, SchemaView } from './schema-view';

export interface ProblemTypeRow {
  slug: string;
  type: string;
  status: number;
  title: string;
}

const HEADING = 'scroll-mt-4 font-semibold';
const CARD = 'flex min-w-0 flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6';

/** The API's reference, as the served OpenAPI document describes it: operations, schemas, problem types. */
export function ApiReference({ reference, problemTypes, documentUrl }: { reference: Reference; problemTypes: ProblemTypeRow[]; documentUrl: string }) {
  const slugs = problemTypes.map(({ slug }) => slug);
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-8 px-4 py-8 sm:px-6">
      <header className="flex flex-col gap-3">
        <h1 className="text-3xl font-semibold tracking-tight">
          {reference.title} <span className="text-base font-normal text-slate-600">version {reference.version}</span>
        </h1>
        {reference.description && (
          <p className="text-slate-700">
            <Described text={reference.description} />
          </p>
        )}
        <p className="text-slate-700">
          Every path below is under <code>{reference.baseUrl}</code>. Send a personal token as <code>Authorization: Bearer hst_…</code>; make one in{' '}
          <a href="/settings#api-tokens-heading" className="text-link underline">
            Settings → API tokens
          </a>{' '}
          with the scope each operation names. This page is drawn from the{' '}
          <a href={documentUrl} className="text-link underline">
            OpenAPI document
          </a>{' '}
          the API serves, which is generated from the schemas its requests are checked with.
        </p>
      </header>

      <nav aria-labelledby="contents-heading" className="flex flex-col gap-2">
        <h2 id="contents-heading" className="text-lg font-semibold">
          Operations
        </h2>
        <ul className="flex flex-col gap-1 text-sm">
          {reference.operations.map((operation) => (
            <li key={operation.operationId} className="min-w-0">
              <a href={`#${anchors.operation(operation.operationId)}`} className="text-link underline">
                <span className="font-mono font-semibold">{operation.method}</span> <code className="[overflow-wrap:anywhere]">{operation.path}</code>
              </a>{' '}
              <span className="text-slate-600">{operation.summary}</span>
            </li>
          ))}
        </ul>
        <p className="text-sm">
          Also: <a href="#schemas-heading" className="text-link underline">schemas</a> · <a href="#problems-heading" className="text-link underline">problem types</a>
        </p>
      </nav>

      {reference.operations.map((operation) => (
        <Operation key={operation.operationId} operation={operation} baseUrl={reference.baseUrl} problemSlugs={slugs} />
      ))}

      <section aria-labelledby="schemas-heading" className="flex flex-col gap-4">
        <h2 id="schemas-heading" className={`${HEADING} text-2xl`}>
          Schemas
        </h2>
        {reference.schemas.map(({ name, schema }) => (
          <section key={name} aria-labelledby={anchors.schema(name)} className={CARD}>
            <h3 id={anchors.schema(name)} className={`${HEADING} text-lg`}>
              {name}
            </h3>
            <SchemaView schema={schema} problemSlugs={slugs} />
          </section>
        ))}
      </section>

      <section aria-labelledby="problems-heading" className="flex flex-col gap-3">
        <h2 id="problems-heading" className={`${HEADING} text-2xl`}>
          Problem types
        </h2>
        <p className="text-slate-700">
          Every refusal is an RFC 9457 problem document (<code>application/problem+json</code>): branch on its <code>type</code>, which is stable, never on
          the wording of its <code>detail</code>.
        </p>
        <dl className="flex flex-col gap-3 text-sm">
          {problemTypes.map(({ slug, type, status, title }) => (
            <div key={slug} id={anchors.problem(slug)} className="scroll-mt-4 flex min-w-0 flex-col gap-0.5 rounded-lg border border-slate-200 bg-white p-3">
              <dt>
                <code className="font-semibold [overflow-wrap:anywhere]">{type}</code> <span className="text-slate-600">· {status}</span>
              </dt>
              <dd className="text-slate-700">{title}.</dd>
            </div>
          ))}
        </dl>
      </section>
    </main>
  );
}

function Operation({ operation, baseUrl, problemSlugs }: { operation: ReferenceOperation; baseUrl: string; problemSlugs: string[] }) {
  const id = anchors.operation(operation.operationId);
  return (
    <section aria-labelledby={id} className={CARD} data-testid="api-operation">
      <div className="flex flex-col gap-1">
        <h2 id={id} className={`${HEADING} text-xl`}>
          <span className="mr-2 rounded border border-slate-400 px-1.5 py-0.5 font-mono text-sm">{operation.method}</span>
          <code className="[overflow-wrap:anywhere]">
            <span className="text-slate-600">{baseUrl}</span>
            {operation.path}
          </code>
        </h2>
        <p className="text-slate-700">{operation.summary}</p>
        <p className="text-sm text-slate-600">
          Scope:{' '}
          {operation.scopes.length > 0 ? operation.scopes.map((scope) => <code key={scope} className="mr-1 rounded bg-slate-100 px-1 py-0.5 text-slate-900">{scope}</code>) : 'none (public)'}{' '}
          · <code>{operation.operationId}</code>
        </p>
      </div>

      {operation.parameters.length > 0 && (
        <div className="flex flex-col gap-2">
          <h3 className={`${HEADING} text-base`}>Parameters</h3>
          <ul className="flex flex-col gap-2">
            {operation.parameters.map((parameter) => (
              <li key={`${parameter.in}-${parameter.name}`} className="flex min-w-0 flex-col gap-0.5 text-sm">
                <p>
                  <code className="font-semibold">{parameter.name}</code>{' '}
                  <span className="text-xs text-slate-600">
                    in {parameter.in}, {parameter.required ? 'required' : 'optional'}
                  </span>
                </p>
                <SchemaView schema={{ ...parameter.schema, description: parameter.description ?? undefined }} problemSlugs={problemSlugs} />
              </li>
            ))}
          </ul>
        </div>
      )}

      {operation.body && (
        <div className="flex flex-col gap-2">
          <h3 className={`${HEADING} text-base`}>
            Request body <span className="text-sm font-normal text-slate-600">{operation.body.contentType}</span>
          </h3>
          <SchemaView schema={operation.body.schema} problemSlugs={problemSlugs} />
        </div>
      )}

      <div className="flex flex-col gap-2">
        <h3 className={`${HEADING} text-base`}>Responses</h3>
        <ul className="flex flex-col gap-3">
          {operation.responses.map((response) => (
            <li key={response.status} className="flex min-w-0 flex-col gap-1 text-sm" data-testid="api-response">
              <p>
                <span className="font-mono font-semibold">{response.status}</span>{' '}
                <span className="text-slate-700">
                  <Described text={response.description} problemSlugs={problemSlugs} />
                </span>
              </p>
              {response.headers.length > 0 && (
                <ul className="flex flex-col gap-0.5 text-slate-700">
                  {response.headers.map((header) => (
                    <li key={header.name}>
                      Header <code className="[overflow-wrap:anywhere]">{header.name}</code>: <SchemaType schema={header.schema} />
                      {!header.required && ' (optional)'}
                      {header.description && (
                        <>
                          {' '}
                          · <Described text={header.description} problemSlugs={problemSlugs} />
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {response.schema && (
                <div className="flex flex-col gap-1">
                  <p className="text-xs text-slate-600">{response.contentType}</p>
                  <SchemaView schema={response.schema} problemSlugs={problemSlugs} />
                </div>
              )}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
