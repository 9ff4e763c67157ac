/** What a server action's answer has to say to the person: its own refusal, or the first field's validation message. */
export function actionErrorMessage(result: { serverError?: string; validationErrors?: object } | undefined | null): string | undefined {
  return (
    result?.serverError ??
    Object.values(result?.validationErrors ?? {}).flatMap((entry) => (entry as { _errors?: string[] } | undefined)?._errors ?? [])[0]
  );
}

/** A form's error line, announced to screen readers. */
export function ActionError({ result }: { result: { serverError?: string; validationErrors?: object } }) {
  const message = actionErrorMessage(result);
  return message ? (
    <p role="alert" className="text-sm text-red-700">
      {message}
    </p>
  ) : null;
}
