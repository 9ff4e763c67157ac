import type { ProfileReport } from '@/lib/profile-check/schemas';

/** What the check found that costs no points: faces it did not count, and why. */
export function CheckNotes({ notes }: { notes: ProfileReport['notes'] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-slate-50 p-4 text-sm text-slate-700" aria-label="Notes" data-testid="notes">
      {notes.map((note) => (
        <li key={note.id} className="flex gap-2" data-testid="note" data-note={note.id}>
          <span aria-hidden="true" className="font-bold text-slate-400">
            i
          </span>
          <p>{note.message}</p>
        </li>
      ))}
    </ul>
  );
}
