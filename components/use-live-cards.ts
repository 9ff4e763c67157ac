'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { readImageCardsAction } from '@/app/actions/read-image-cards';
import { MAX_CARDS_READ } from '@/lib/images/limits';
import { newestCards } from '@/lib/images/newest-cards';
import type { Image, ImageListSnapshot, ImageSnapshot } from '@/lib/images/schemas';
import type { LiveEvent } from '@/lib/realtime/schemas';
import { useLiveUpdates } from './live-updates';

/**
 * What changes a card: an upload this page started (the uploader announces it), and its processing.
 * Other events about a photo on the grid (its faces, its analysis) change nothing a card shows.
 */
const UPLOAD_TOPIC = 'upload';
const CARD_TOPICS = new Set([UPLOAD_TOPIC, 'process-image']);

/** What the uploader announces, with the server's answer, once the server has made an upload's photo: its card is on the grid from then on. */
export function uploadStarted(imageId: string): LiveEvent {
  return { topic: UPLOAD_TOPIC, subjectId: imageId, state: 'started' };
}

/**
 * The grid's cards, kept up to date one by one: each event about a card's photo reads that card again
 * (readImageCardsAction), and an upload this page started adds its card at once, from the server's
 * answer to starting it, instead of the whole page reloading for every message. One read is under way
 * at a time and takes every card named meanwhile, each once: Next.js runs a page's server actions in
 * turn, so a read per event would fall behind a batch and hold up the next upload's start. An event
 * about anything else is left to the page (it reloads), and so is a failure, which may have left a
 * dead letter to list above the grid.
 */
export function useLiveCards(lists: readonly ImageListSnapshot[]): { cards: Image[]; forget: (imageIds: readonly string[]) => void } {
  const { listen, refresh } = useLiveUpdates();
  const [singles, setSingles] = useState<ReadonlyMap<string, ImageSnapshot>>(() => new Map());
  const cards = newestCards(lists, singles);

  const onGrid = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    onGrid.current = new Set(cards.map((card) => card.imageId));
  });
  // Every photo the grid has heard of: its events are the grid's even before its card is on it.
  const heardOf = useRef(new Set<string>());
  const waiting = useRef<string[]>([]);
  const reading = useRef(false);

  const keep = useCallback((imageId: string, snapshot: ImageSnapshot) => {
    setSingles((held) => ((held.get(imageId)?.readAt ?? Number.NEGATIVE_INFINITY) >= snapshot.readAt ? held : new Map(held).set(imageId, snapshot)));
  }, []);

  const readWaiting = useCallback(async () => {
    if (reading.current) return;
    reading.current = true;
    try {
      while (waiting.current.length > 0) {
        const imageIds = waiting.current.splice(0, MAX_CARDS_READ);
        const read = (await readImageCardsAction({ imageIds }).catch(() => undefined))?.data;
        // Not read (signed out, offline): the page's own reload says what there is to say.
        if (!read) refresh();
        else for (const { imageId, ...snapshot } of read) keep(imageId, snapshot);
      }
    } finally {
      reading.current = false;
    }
  }, [keep, refresh]);

  useEffect(() => {
    const stopListening = listen((event, snapshot) => {
      const { subjectId: imageId } = event;
      if (event.topic !== UPLOAD_TOPIC && !onGrid.current.has(imageId) && !heardOf.current.has(imageId)) return false;
      heardOf.current.add(imageId);
      if (snapshot) keep(imageId, snapshot);
      else if (CARD_TOPICS.has(event.topic)) {
        // A read already waiting starts after this event, so it finds what the event says.
        if (!waiting.current.includes(imageId)) waiting.current.push(imageId);
        void readWaiting();
      }
      return event.state !== 'failed';
    });
    const queued = waiting.current;
    return () => {
      stopListening();
      // The grid is gone: nothing is left to show what the waiting reads would find.
      queued.length = 0;
    };
  }, [keep, listen, readWaiting]);

  /** Photos this page deleted: no read, however late it lands, brings them back. */
  const forget = useCallback((imageIds: readonly string[]) => {
    setSingles((held) => {
      const next = new Map(held);
      for (const imageId of imageIds) next.set(imageId, { image: null, readAt: Number.POSITIVE_INFINITY });
      return next;
    });
  }, []);

  return { cards, forget };
}
