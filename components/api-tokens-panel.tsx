'use client';

import { useAction } from 'next-safe-action/hooks';
import { useId, useState } from 'react';
import { createApiTokenAction, revokeApiTokenAction } from '@/app/actions/api-tokens';
import { API_TOKEN_LIFETIMES_DAYS, MAX_API_TOKENS } from '@/lib/api-tokens/limits';
import { API_TOKEN_SCOPES, type ApiToken, type ApiTokenScope } from '@/lib/api-tokens/schemas';
import { ActionButton } from './action-button';
import { ShownOnce } from './shown-once';

/* Dates in UTC: the server renders this first and the browser hydrates it, and the two need not share a time zone. */
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

const SCOPE_LABELS: Record<ApiTokenScope, string> = {
  'images:read': 'Read photos',
  'images:write': 'Upload and delete photos',
  analysis: 'Run the LinkedIn check',
  links: 'Make and revoke share links',
  webhooks: 'Manage webhook endpoints',
};

/** Settings → API tokens: make one (shown once), see each with its last use, revoke at once. */
export function ApiTokensPanel({ tokens }: { tokens: ApiToken[] }) {
  const create = useAction(createApiTokenAction);
  const [scopes, setScopes] = useState<ApiTokenScope[]>(['images:read']);
  const formId = useId();
  const made = create.result.data;

  function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const days = String(data.get('expiry'));
    create.execute({ name: String(data.get('name') ?? ''), scopes, expiresInDays: days === 'never' ? null : Number(days) });
  }

  return (
    <section data-testid="api-tokens" aria-labelledby="api-tokens-heading" className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-6">
      <h2 id="api-tokens-heading" className="text-lg font-semibold">
        API tokens
      </h2>
      <p className="text-sm text-slate-600">
        A token lets a script use your account through the API, with only the permissions you give it. You can have {MAX_API_TOKENS}. What each
        operation does and needs is in the{' '}
        <a href="/docs/api" className="font-medium text-link underline">
          API reference
        </a>
        .
      </p>
      <form
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          submit(event.currentTarget);
        }}
      >
        <label className="flex flex-col gap-1 text-sm font-medium" htmlFor={`${formId}-name`}>
          Name
          <input id={`${formId}-name`} name="name" required maxLength={60} placeholder="e.g. CI uploader" className="rounded-md border border-slate-300 px-3 py-2 font-normal" />
        </label>
        <fieldset className="flex flex-col gap-1 text-sm">
          <legend className="font-medium">Permissions</legend>
          {API_TOKEN_SCOPES.map((scope) => (
            <label key={scope} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(event) => setScopes((now) => (event.target.checked ? [...now, scope] : now.filter((s) => s !== scope)))}
              />
              {SCOPE_LABELS[scope]} <code className="text-xs text-slate-500">{scope}</code>
            </label>
          ))}
        </fieldset>
        <label className="flex flex-col gap-1 text-sm font-medium" htmlFor={`${formId}-expiry`}>
          Expires
          <select id={`${formId}-expiry`} name="expiry" defaultValue="90" className="rounded-md border border-slate-300 px-3 py-2 font-normal">
            {API_TOKEN_LIFETIMES_DAYS.map((days) => (
              <option key={days} value={days}>
                in {days} days
              </option>
            ))}
            <option value="never">never (until revoked)</option>
          </select>
        </label>
        <ActionButton
          type="submit"
          isPending={create.isPending}
          pendingLabel="Making…"
          result={create.result}
          className="rounded-md bg-brand-500 px-4 py-2 font-medium text-on-brand hover:bg-brand-600"
        >
          Make a token
        </ActionButton>
      </form>
      {made ? <ShownOnce value={made.token} label="The new token" testId="new-api-token" what={<strong>{made.apiToken.name}</strong>} /> : null}
      {tokens.length > 0 ? (
        <ul className="flex flex-col gap-2 text-sm" aria-label="Your API tokens">
          {tokens.map((token) => (
            <TokenRow key={token.tokenId} token={token} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function TokenRow({ token }: { token: ApiToken }) {
  const revoke = useAction(revokeApiTokenAction);
  return (
    <li data-testid="api-token" data-state={token.state} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-3">
      <span className="flex min-w-0 flex-col">
        <span className="font-medium">{token.name}</span>
        <span className="text-xs text-slate-500">
          {token.scopes.join(', ')} · made {DAY.format(token.createdAt)} · {token.lastUsedAt ? `last used ${DAY.format(token.lastUsedAt)}` : 'never used'} ·{' '}
          {token.state === 'expired' ? 'expired' : token.validUntil ? `expires ${DAY.format(token.validUntil)}` : 'no expiry'}
        </span>
      </span>
      <ActionButton
        onClick={() => revoke.execute({ tokenId: token.tokenId })}
        isPending={revoke.isPending}
        pendingLabel="Revoking…"
        result={revoke.result}
        ariaLabel={`Revoke ${token.name}`}
        className="rounded-md border border-red-300 px-3 py-1 text-red-800 hover:bg-red-50"
      >
        Revoke
      </ActionButton>
    </li>
  );
}
