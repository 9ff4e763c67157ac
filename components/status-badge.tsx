import type { ImageStatus } from '@/lib/db/entities/image';

const STYLES: Record<ImageStatus, string> = {
  uploading: 'bg-amber-100 text-amber-800',
  processing: 'bg-sky-100 text-sky-800',
  ready: 'bg-emerald-100 text-emerald-800',
  failed: 'bg-red-100 text-red-800',
};

export function StatusBadge({ status }: { status: ImageStatus }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[status]}`}>{status}</span>;
}
