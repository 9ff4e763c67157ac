import { clerkAccountEmail } from '@/adapters/clerk-account';
import { pageUser } from '@/adapters/current-user';
import { ApiTokensPanel } from '@/components/api-tokens-panel';
import { ChangePasswordForm } from '@/components/change-password-form';
import { DeleteAccountForm } from '@/components/delete-account-form';
import { ExportPanel } from '@/components/export-panel';
import { StorageUsage } from '@/components/storage-usage';
import { WatermarkExistingPhotos, WatermarkForm } from '@/components/watermark-form';
import { WebhooksPanel } from '@/components/webhooks-panel';
import { listOwnExports } from '@/lib/account/list-exports';
import { listApiTokens } from '@/lib/api-tokens';
import { ClerkUnavailableError } from '@/lib/auth/clerk-api';
import { authMode } from '@/lib/auth/mode';
import { getWatermarkSettings } from '@/lib/images';
import { getWatermarkRerender } from '@/lib/images/rerender-watermarks-status';
import { getStorageUsage } from '@/lib/quota';
import { listWebhookEndpoints } from '@/lib/webhooks';

export const metadata = { title: 'Settings' };

/** The email the account is known by; with Clerk, read from Clerk's API, whose outage this page survives and names. */
async function accountEmail(user: { id: string; email: string | null }): Promise<{ email: string | null; unavailable: string | null }> {
  if (authMode() !== 'clerk') return { email: user.email, unavailable: null };
  try {
    return { email: await clerkAccountEmail(user.id), unavailable: null };
  } catch (error) {
    if (error instanceof ClerkUnavailableError) return { email: null, unavailable: error.message };
    throw error;
  }
}

export default async function SettingsPage() {
  const user = await pageUser();
  const [usage, watermark, rerender, exports, tokens, endpoints, { email, unavailable }] = await Promise.all([
    getStorageUsage(user.id),
    getWatermarkSettings(user.id),
    getWatermarkRerender(user.id),
    listOwnExports(user.id),
    listApiTokens(user.id),
    listWebhookEndpoints(user.id),
    accountEmail(user),
  ]);
  return (
    <div className="flex max-w-xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <StorageUsage used={usage.used} quota={usage.quota} />
      <section className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-6">
        <h2 className="text-lg font-semibold">Watermark</h2>
        <p className="text-sm text-slate-600">
          Applied to the copies used when you share a photo. Your own views and downloads, and the original, stay clean. Photos
          uploaded from now on get it, and you can apply it to those you already have.
        </p>
        <WatermarkForm initial={watermark} />
        <WatermarkExistingPhotos rerender={rerender} />
      </section>
      {user.sessionId ? (
        <section className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-6">
          <h2 className="text-lg font-semibold">Password</h2>
          <p className="text-sm text-slate-600">Changing it signs you out everywhere else.</p>
          <ChangePasswordForm />
        </section>
      ) : null}
      <ExportPanel exports={exports} />
      <ApiTokensPanel tokens={tokens} />
      <WebhooksPanel endpoints={endpoints} />
      <section className="flex flex-col gap-2 rounded-xl border border-red-200 bg-white p-6" aria-labelledby="delete-account-heading">
        <h2 id="delete-account-heading" className="text-lg font-semibold text-red-800">
          Delete account
        </h2>
        <p className="text-sm text-slate-600">
          Deletes your account and everything in it: photos, sizes, analyses, share links (they stop working at once), the faces and
          people found in your photos, exports and settings. It cannot be undone. Export your data first if you want to keep it.
        </p>
        {unavailable ? (
          <p role="alert" className="text-sm text-amber-800" data-testid="clerk-unavailable">
            {unavailable}
          </p>
        ) : null}
        <DeleteAccountForm email={email} />
      </section>
    </div>
  );
}
