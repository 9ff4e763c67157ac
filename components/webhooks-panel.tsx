'use client';

import { useAction } from 'next-safe-action/hooks';
import { useId, useState } from 'react';
import { createWebhookEndpointAction, deleteWebhookEndpointAction } from '@/app/actions/webhooks';
import { DISABLE_AFTER_FAILED_DELIVERIES, MAX_WEBHOOK_ENDPOINTS } from '@/lib/webhooks/limits';
import { WEBHOOK_EVENT_TYPES, type WebhookEndpoint, type WebhookEventType } from '@/lib/webhooks/schemas';
import { ActionButton } from './action-button';
import { ShownOnce } from './shown-once';

/* Times in UTC: the server renders this first and the browser hydrates it, and the two need not share a time zone. */
const WHEN = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });

const EVENT_LABELS: Record<WebhookEventType, string> = {
  'image.ready': 'A photo is processed',
  'image.failed': 'A photo could not be processed',
  'analysis.ready': 'A LinkedIn check is done',
  'link.viewed': 'Someone opens a share link',
  'account.deleted': 'The account is deleted',
};

/** Settings → Webhooks: add an endpoint (its secret shown once), see how each one's deliveries go, delete it. */
export function WebhooksPanel({ endpoints }: { endpoints: WebhookEndpoint[] }) {
  const create = useAction(createWebhookEndpointAction);
  const [events, setEvents] = useState<WebhookEventType[]>(['image.ready']);
  const formId = useId();
  const made = create.result.data;

  return (
    <section data-testid="webhooks" aria-labelledby="webhooks-heading" className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-6">
      <h2 id="webhooks-heading" className="text-lg font-semibold">
        Webhooks
      </h2>
      <p className="text-sm text-slate-600">
        Headshot POSTs an event to your HTTPS endpoint when something happens, signed as the Standard Webhooks spec says, so any of its libraries verifies it. You can have{' '}
        {MAX_WEBHOOK_ENDPOINTS}; one that fails {DISABLE_AFTER_FAILED_DELIVERIES} deliveries in a row is disabled.
      </p>
      <form
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          create.execute({ url: String(new FormData(event.currentTarget).get('url') ?? ''), events });
        }}
      >
        <label className="flex flex-col gap-1 text-sm font-medium" htmlFor={`${formId}-url`}>
          Endpoint URL
          <input id={`${formId}-url`} name="url" type="url" required maxLength={2000} placeholder="https://example.com/headshot-events" className="rounded-md border border-slate-300 px-3 py-2 font-normal" />
        </label>
        <fieldset className="flex flex-col gap-1 text-sm">
          <legend className="font-medium">Events</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-2">
              <input type="checkbox" checked={events.includes(type)} onChange={(event) => setEvents((now) => (event.target.checked ? [...now, type] : now.filter((t) => t !== type)))} />
              {EVENT_LABELS[type]} <code className="text-xs text-slate-500">{type}</code>
            </label>
          ))}
        </fieldset>
        <ActionButton type="submit" isPending={create.isPending} pendingLabel="Adding…" result={create.result} className="rounded-md bg-brand-500 px-4 py-2 font-medium text-on-brand hover:bg-brand-600">
          Add the endpoint
        </ActionButton>
      </form>
      {made ? (
        <ShownOnce
          value={made.secret}
          label="The signing secret"
          testId="new-webhook-secret"
          what={
            <>
              The signing secret of <strong className="break-all">{made.endpoint.url}</strong>
            </>
          }
        />
      ) : null}
      {endpoints.length > 0 ? (
        <ul className="flex flex-col gap-2 text-sm" aria-label="Your webhook endpoints">
          {endpoints.map((endpoint) => (
            <EndpointRow key={endpoint.endpointId} endpoint={endpoint} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function EndpointRow({ endpoint }: { endpoint: WebhookEndpoint }) {
  const remove = useAction(deleteWebhookEndpointAction);
  return (
    <li data-testid="webhook-endpoint" data-state={endpoint.state} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-3">
      <span className="flex min-w-0 flex-col">
        <span className="break-all font-medium">{endpoint.url}</span>
        <span className="text-xs text-slate-500">
          {endpoint.events.join(', ')} · {endpoint.lastSuccessAt ? `last delivered ${WHEN.format(endpoint.lastSuccessAt)}` : 'nothing delivered yet'}
        </span>
        {endpoint.state === 'disabled' ? (
          <span role="alert" data-testid="webhook-disabled" className="text-xs text-red-800">
            Disabled {endpoint.disabledAt ? WHEN.format(endpoint.disabledAt) : ''} after {DISABLE_AFTER_FAILED_DELIVERIES} failed deliveries in a row
            {endpoint.lastFailure ? `: ${endpoint.lastFailure}` : '.'} Nothing more is sent to it; fix the receiver, then add it again.
          </span>
        ) : endpoint.lastFailure && endpoint.consecutiveFailures > 0 ? (
          <span className="text-xs text-amber-800">
            {endpoint.consecutiveFailures} failed {endpoint.consecutiveFailures === 1 ? 'delivery' : 'deliveries'} in a row: {endpoint.lastFailure}
          </span>
        ) : null}
      </span>
      <ActionButton
        onClick={() => remove.execute({ endpointId: endpoint.endpointId })}
        isPending={remove.isPending}
        pendingLabel="Deleting…"
        result={remove.result}
        ariaLabel={`Delete ${endpoint.url}`}
        className="rounded-md border border-red-300 px-3 py-1 text-red-800 hover:bg-red-50"
      >
        Delete
      </ActionButton>
    </li>
  );
}
