import { alternativesOf, anchors, codeSpans, constraintsOf, schemaName, type JsonSchema } from './reference';

/** A description with its `code` spans as code; a span naming a problem type links to it in the page's list. */
export function Described({ text, problemSlugs = [] }: { text: string; problemSlugs?: readonly string[] }) {
  return (
    <>
      {codeSpans(text).map((part, index) =>
        !part.code ? (
          <span key={index}>{part.text}</span>
        ) : problemSlugs.includes(part.text) ? (
          <a key={index} href={`#${anchors.problem(part.text)}`} className="text-link underline">
            <code className="[overflow-wrap:anywhere]">{part.text}</code>
          </a>
        ) : (
          <code key={index} className="[overflow-wrap:anywhere]">
            {part.text}
          </code>
        ),
      )}
    </>
  );
}

/** A schema's type in a few words: `string (uri)`, `"ready" | "failed"`, `array of Image` (linked to its schema). */
export function SchemaType({ schema }: { schema: JsonSchema }) {
  if (schema.$ref) {
    const name = schemaName(schema.$ref);
    return name ? (
      <a href={`#${anchors.schema(name)}`} className="font-medium text-link underline">
        {name}
      </a>
    ) : (
      <code>{schema.$ref}</code>
    );
  }
  if (schema.const !== undefined) return <code>{JSON.stringify(schema.const)}</code>;
  if (schema.enum) return <code className="[overflow-wrap:anywhere]">{schema.enum.map((value) => JSON.stringify(value)).join(' | ')}</code>;
  const { alternatives, nullable } = alternativesOf(schema);
  if (alternatives.length > 0) {
    return (
      <>
        {alternatives.length > 1 && 'one of '}
        {alternatives.map((alternative, index) => (
          <span key={index}>
            {index > 0 && ', '}
            <SchemaType schema={alternative} />
          </span>
        ))}
        {nullable && ', or null'}
      </>
    );
  }
  const types = (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []).filter((type) => type !== 'null');
  const type = types.join(' or ') || 'any';
  const orNull = Array.isArray(schema.type) && schema.type.includes('null') ? ', or null' : '';
  if (types.includes('array') && schema.items) {
    return (
      <>
        array of <SchemaType schema={schema.items} />
        {orNull}
      </>
    );
  }
  if (types.includes('object') && !schema.properties && typeof schema.additionalProperties === 'object') {
    return (
      <>
        map of string to <SchemaType schema={schema.additionalProperties} />
        {orNull}
      </>
    );
  }
  return (
    <>
      {type}
      {schema.format && ` (${schema.format})`}
      {orNull}
    </>
  );
}

/** What is nested in a schema that is not a named one: an object's properties, an array's items, each alternative. */
function nestedOf(schema: JsonSchema): JsonSchema[] {
  if (schema.$ref) return [];
  if (schema.properties) return [schema];
  if (schema.items) return nestedOf(schema.items);
  return alternativesOf(schema).alternatives.flatMap(nestedOf);
}

/** A schema in full: its type, description and limits, then the properties of every object in it. */
export function SchemaView({ schema, problemSlugs }: { schema: JsonSchema; problemSlugs?: readonly string[] }) {
  const nested = nestedOf(schema);
  const constraints = constraintsOf(schema);
  return (
    <div className="flex min-w-0 flex-col gap-1 text-sm">
      <p>
        <SchemaType schema={schema} />
        {constraints.length > 0 && <span className="text-slate-600"> · {constraints.join(' · ')}</span>}
      </p>
      {schema.description && (
        <p className="text-slate-600">
          <Described text={schema.description} problemSlugs={problemSlugs} />
        </p>
      )}
      {nested.map((object, index) => (
        <Properties key={index} schema={object} problemSlugs={problemSlugs} />
      ))}
    </div>
  );
}

function Properties({ schema, problemSlugs }: { schema: JsonSchema; problemSlugs?: readonly string[] }) {
  const required = new Set(schema.required ?? []);
  return (
    <ul className="flex flex-col gap-2 border-l-2 border-slate-200 pl-3">
      {Object.entries(schema.properties ?? {}).map(([name, property]) => (
        <li key={name} className="flex min-w-0 flex-col gap-0.5">
          <p>
            <code className="font-semibold [overflow-wrap:anywhere]">{name}</code>{' '}
            <span className="text-xs text-slate-600">{required.has(name) ? 'required' : 'optional'}</span>
          </p>
          <SchemaView schema={property} problemSlugs={problemSlugs} />
        </li>
      ))}
    </ul>
  );
}
