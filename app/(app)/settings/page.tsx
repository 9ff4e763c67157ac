import { requireUser } from '@/adapters/current-user';
import { ChangePasswordForm } from '@/components/change-password-form';
import { WatermarkForm } from '@/components/watermark-form';
import { getWatermarkSettings } from '@/lib/images';

export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const user = await requireUser();
  const watermark = await getWatermarkSettings(user.id);
  return (
    <div className="flex max-w-xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <section className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-6">
        <h2 className="text-lg font-semibold">Watermark</h2>
        <p className="text-sm text-slate-600">
          Applied to the copies used when you share a photo. Your own views and downloads, and the original, stay clean. Photos
          uploaded from now on get it.
        </p>
        <WatermarkForm initial={watermark} />
      </section>
      {user.sessionId ? (
        <section className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-6">
          <h2 className="text-lg font-semibold">Password</h2>
          <p className="text-sm text-slate-600">Changing it signs you out everywhere else.</p>
          <ChangePasswordForm />
        </section>
      ) : null}
    </div>
  );
}
