'use client';

import type { ReactNode } from 'react';
import { actionErrorMessage } from './action-error';

const ALIGN = { start: 'items-start', center: 'items-center', end: 'items-end' } as const;

/** A button that runs a server action: disabled and relabelled while it runs, with the action's refusal announced under it. */
export function ActionButton({
  type = 'button',
  onClick,
  isPending,
  pendingLabel,
  result,
  className,
  align = 'start',
  ariaLabel,
  children,
}: {
  /** `submit` for a form's button, whose form's onSubmit runs the action. */
  type?: 'button' | 'submit';
  onClick?: () => void;
  isPending: boolean;
  pendingLabel: string;
  result: { serverError?: string; validationErrors?: object } | undefined;
  className: string;
  align?: keyof typeof ALIGN;
  ariaLabel?: string;
  children: ReactNode;
}) {
  const error = actionErrorMessage(result);
  return (
    <span className={`inline-flex flex-col gap-1 ${ALIGN[align]}`}>
      <button type={type} disabled={isPending} onClick={onClick} aria-label={ariaLabel} className={`${className} disabled:opacity-60`}>
        {isPending ? pendingLabel : children}
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}

const OUTLINE = 'whitespace-nowrap rounded-md border border-brand-500 text-sm font-medium text-link hover:bg-brand-50';

/** The outlined ActionButton that starts work on something, given the action's hook (useAction) and the input it runs with. */
export function OutlineActionButton<Input>({
  action,
  input,
  pendingLabel = 'Starting…',
  size = 'small',
  children,
}: {
  action: { execute: (input: Input) => void; isPending: boolean; result: { serverError?: string; validationErrors?: object } | undefined };
  input: Input;
  pendingLabel?: string;
  size?: 'small' | 'large';
  children: ReactNode;
}) {
  return (
    <ActionButton
      onClick={() => action.execute(input)}
      isPending={action.isPending}
      pendingLabel={pendingLabel}
      result={action.result}
      className={`${OUTLINE} ${size === 'small' ? 'px-3 py-1' : 'px-4 py-2'}`}
    >
      {children}
    </ActionButton>
  );
}
