import { redirect } from 'next/navigation';
import { currentUser } from '@/adapters/current-user';
import { LANDING_PAGE } from './landing-page';

/** GET /: the landing page, or the photos of whoever is signed in. */
export async function GET() {
  if (await currentUser()) redirect('/dashboard');
  // Who asks decides the answer (a signed-in visitor is sent on), so no shared cache may keep it.
  return new Response(LANDING_PAGE, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'private, no-cache' } });
}
