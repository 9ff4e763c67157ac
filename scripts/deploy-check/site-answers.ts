import type { Report } from './report';
import type { SiteResponse } from './site-function';

/** A site answer checked against the status it must have, and anything more `extra` asks (a sentence when it fails, null when it holds). */
export function siteExpectations({ pass, fail }: Report) {
  return {
    expectStatus(what: string, response: SiteResponse, status: number, extra?: (response: SiteResponse) => string | null): boolean {
      if (response.status !== status) {
        const body = response.body.toString('utf8');
        const digest = /digest[":\s]+([\w-]+)/i.exec(body)?.[1];
        fail(what, `answered ${response.status}, expected ${status}${digest ? ` (error digest ${digest})` : ''}`);
        return false;
      }
      const problem = extra?.(response) ?? null;
      if (problem) {
        fail(what, problem);
        return false;
      }
      pass(what, String(status));
      return true;
    },
  };
}
