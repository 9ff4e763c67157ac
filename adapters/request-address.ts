import 'server-only';
import { headers } from 'next/headers';
import { requestSettings } from '@/lib/config';
import { clientAddress } from '@/lib/security/client-address';

/** The address the current request came from, as far as the deployment's proxies can be trusted (see clientAddress). */
export async function requestAddress(): Promise<string> {
  return clientAddress(await headers(), requestSettings());
}
