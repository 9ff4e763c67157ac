import Link from 'next/link';
import { ApiReference } from '@/components/api-reference/api-reference';
import { readReference } from '@/components/api-reference/reference';
import { openApiDocument, PROBLEM_TYPES, problem, type ProblemType } from '@/lib/api';

export const metadata = { title: 'API reference' };

/**
 * The public API's reference, drawn on the server from the same generated document that
 * /api/v1/openapi.json serves. It names nobody and shows nothing of anyone's: anyone may open it.
 */
export default function ApiReferencePage() {
  const problemTypes = (Object.keys(PROBLEM_TYPES) as ProblemType[]).map((slug) => ({ slug, ...PROBLEM_TYPES[slug], type: problem(slug, '').type }));
  return (
    <>
      <nav aria-label="Site" className="mx-auto max-w-4xl px-4 pt-6 text-sm sm:px-6">
        <Link href="/" className="text-link underline">
          Headshot
        </Link>
      </nav>
      <ApiReference reference={readReference(openApiDocument())} problemTypes={problemTypes} documentUrl="/api/v1/openapi.json" />
    </>
  );
}
