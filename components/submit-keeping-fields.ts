import type { FormEvent } from 'react';

/**
 * A form's props that hand its fields to `submit` and leave them as they are. A plain `<form action>`
 * function clears every field once it returns, which is before the server has answered: a refused
 * link name, a wrong password or a watermark just saved left the form empty or showing the old
 * values, and a quick second entry could be wiped by the first one's late reset. `action` stays for
 * the page as the server renders it: before hydration React makes it a placeholder that sends
 * nothing, where a form without one would go out as a GET with its fields, a password among them, in
 * the address.
 */
export function submitKeepingFields(submit: (form: FormData) => void) {
  return {
    action: submit,
    onSubmit: (event: FormEvent<HTMLFormElement>) => {
      // A prevented submit event is one React's form action does not run.
      event.preventDefault();
      submit(new FormData(event.currentTarget));
    },
  };
}
