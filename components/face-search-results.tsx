'use client';

import Link from 'next/link';
import { useEffect, useReducer, useState } from 'react';
import type { PhotoMatch, SearchEvent } from '@/lib/people/search-photos';

/** What to search for: one of the owner's faces, or a photo that is sent for this search only. */
export type FaceSearchQuery = { face: { imageId: string; faceId: string } } | { photo: Blob };

type SearchState = { phase: 'searching' | 'done'; matches: PhotoMatch[] } | { phase: 'error'; matches: PhotoMatch[]; message: string };

/**
 * The owner's photos of the person in the query, shown as the server finds them. A new query starts
 * a new search from nothing: the previous one is aborted with the component it ran in.
 */
export function FaceSearchResults({ query }: { query: FaceSearchQuery }) {
  return <SearchRun key={queryKey(query)} query={query} />;
}

// A photo query is known by the Blob object itself: choosing a photo again is a new search.
const photoKeys = new WeakMap<Blob, string>();
let photosSeen = 0;

function queryKey(query: FaceSearchQuery): string {
  if ('face' in query) return `face:${query.face.imageId}:${query.face.faceId}`;
  let key = photoKeys.get(query.photo);
  if (!key) {
    key = `photo:${++photosSeen}`;
    photoKeys.set(query.photo, key);
  }
  return key;
}

function SearchRun({ query }: { query: FaceSearchQuery }) {
  // Keyed by the query, so the query a run was started with is the one it keeps.
  const [runQuery] = useState(query);
  const [state, dispatch] = useReducer(applyEvent, { phase: 'searching', matches: [] });

  useEffect(() => {
    const controller = new AbortController();
    void streamSearch(runQuery, controller.signal, (event) => {
      if (!controller.signal.aborted) dispatch(event);
    });
    return () => controller.abort();
  }, [runQuery]);

  return (
    <div className="flex flex-col gap-4">
      <SearchStatus state={state} byFace={'face' in runQuery} />
      {state.matches.length > 0 ? <MatchGrid matches={state.matches} /> : null}
    </div>
  );
}

function applyEvent(state: SearchState, event: SearchEvent): SearchState {
  switch (event.type) {
    case 'matches':
      return { ...state, matches: mergeMatches(state.matches, event.photos) };
    case 'done':
      return { phase: 'done', matches: state.matches };
    case 'error':
      return { phase: 'error', matches: state.matches, message: event.message };
  }
}

/** A photo can come again with a better face of the person: it keeps its best similarity. */
function mergeMatches(known: PhotoMatch[], found: PhotoMatch[]): PhotoMatch[] {
  const best = new Map(known.map((match) => [match.imageId, match]));
  for (const match of found) {
    if (match.similarity > (best.get(match.imageId)?.similarity ?? -1)) best.set(match.imageId, match);
  }
  return [...best.values()].sort((a, b) => b.similarity - a.similarity);
}

const interrupted = (message: string): SearchEvent => ({ type: 'error', message });

/** Runs one search against POST /people/search, reporting each event as its line arrives. */
async function streamSearch(query: FaceSearchQuery, signal: AbortSignal, report: (event: SearchEvent) => void): Promise<void> {
  try {
    const response = await fetch('/people/search', { method: 'POST', credentials: 'same-origin', cache: 'no-store', signal, ...searchRequest(query) });
    if (!response.ok || !response.body) {
      report(interrupted(await refusalMessage(response)));
      return;
    }
    for await (const event of readEvents(response.body)) {
      report(event);
      if (event.type !== 'matches') return;
    }
    report(interrupted('The search stopped before it finished. Please try again.'));
  } catch {
    if (signal.aborted) return;
    report(interrupted('The search could not be completed. Check your connection and try again.'));
  }
}

function searchRequest(query: FaceSearchQuery): Pick<RequestInit, 'headers' | 'body'> {
  if ('face' in query) {
    const { imageId, faceId } = query.face;
    return { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ face: { imageId, faceId } }) };
  }
  // The browser writes the multipart boundary into Content-Type itself.
  const form = new FormData();
  form.append('photo', query.photo);
  return { body: form };
}

async function refusalMessage(response: Response): Promise<string> {
  const body: unknown = await response.json().catch(() => null);
  if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string') return body.error;
  return `The search failed (HTTP ${response.status}). Please try again.`;
}

/** The newline-delimited JSON events of a response, each as soon as its line is complete. */
async function* readEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SearchEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    pending += decoder.decode(value, { stream: !done });
    const lines = pending.split('\n');
    pending = done ? '' : (lines.pop() ?? '');
    for (const line of lines) {
      const event = parseEvent(line);
      if (event) yield event;
    }
    if (done) return;
  }
}

function parseEvent(line: string): SearchEvent | null {
  if (line.trim() === '') return null;
  const event: unknown = JSON.parse(line);
  return typeof event === 'object' && event !== null && 'type' in event && ['matches', 'done', 'error'].includes(String(event.type)) ? (event as SearchEvent) : null;
}

function SearchStatus({ state, byFace }: { state: SearchState; byFace: boolean }) {
  const count = state.matches.length;
  return (
    <p data-testid="search-status" data-state={state.phase} aria-live="polite" className="flex items-center gap-2 text-sm text-slate-600">
      {state.phase === 'searching' ? (
        <>
          <span aria-hidden="true" className="inline-block h-3.5 w-3.5 animate-spin rounded-full border-2 border-slate-300 border-t-brand-500" />
          Searching…
        </>
      ) : state.phase === 'error' ? (
        <span role="alert" className="text-red-700">
          {state.message}
        </span>
      ) : count === 0 ? (
        byFace ? 'No other photos of this person' : 'No photos of this person'
      ) : (
        `${count} photo${count === 1 ? '' : 's'} of this person`
      )}
    </p>
  );
}

function MatchGrid({ matches }: { matches: PhotoMatch[] }) {
  return (
    <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" aria-label="Matching photos">
      {matches.map((match) => (
        <li
          key={match.imageId}
          data-testid="search-result"
          data-image-id={match.imageId}
          data-similarity={match.similarity}
          className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
        >
          <Link href={`/images/${match.imageId}`} className="block">
            <div className="aspect-square" style={{ backgroundColor: match.placeholder ?? '#e2e8f0' }}>
              {match.thumbnailUrl ? (
                // eslint-disable-next-line @next/next/no-img-element -- presigned S3 URLs are already sized variants
                <img src={match.thumbnailUrl} alt="" loading="lazy" className="h-full w-full object-cover" />
              ) : null}
            </div>
            <div className="flex items-center justify-between gap-2 px-3 py-2">
              <span className="truncate text-sm font-medium">{match.fileName}</span>
              <span className="shrink-0 text-xs text-slate-600">
                {Math.round(match.similarity * 100)}%<span className="sr-only"> match</span>
              </span>
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}
