import { describe, expect, it } from 'vitest';
import { newestCards } from './newest-cards';
import type { Image, ImageSnapshot } from './schemas';

function photo(imageId: string, change: Partial<Image> = {}): Image {
  return {
    imageId,
    fileName: `${imageId}.jpg`,
    status: 'processing',
    failureReason: null,
    deadLettered: false,
    createdAt: 1_000,
    format: null,
    width: null,
    height: null,
    bytes: null,
    hasAlpha: null,
    animated: null,
    placeholder: null,
    blurDataUrl: null,
    camera: null,
    thumbnailUrl: null,
    thumbnailSrcSet: null,
    variants: [],
    faceIndex: null,
    ...change,
  };
}

const singles = (...entries: [string, ImageSnapshot][]) => new Map(entries);
const shown = (cards: Image[]) => cards.map((card) => `${card.imageId}:${card.status}`);

describe('newestCards, what the grid shows from the reads it holds', () => {
  it('shows each photo as its newest read found it, in the list’s order', () => {
    const page = { images: [photo('b'), photo('a')], readAt: 100 };
    const cards = newestCards([page], singles(['a', { image: photo('a', { status: 'ready' }), readAt: 150 }]));
    expect(shown(cards)).toEqual(['b:processing', 'a:ready']);
  });

  it('keeps a list read after a photo’s own read: the page reloaded since', () => {
    const page = { images: [photo('a', { status: 'ready' })], readAt: 200 };
    const cards = newestCards([page], singles(['a', { image: photo('a', { status: 'processing' }), readAt: 150 }]));
    expect(shown(cards)).toEqual(['a:ready']);
  });

  it('puts new uploads first, newest first, before anything listed', () => {
    const page = { images: [photo('old', { createdAt: 10 })], readAt: 100 };
    const cards = newestCards(
      [page],
      singles(['n1', { image: photo('n1', { status: 'uploading', createdAt: 300 }) , readAt: 300 }], ['n2', { image: photo('n2', { status: 'uploading', createdAt: 400 }), readAt: 400 }]),
    );
    expect(shown(cards)).toEqual(['n2:uploading', 'n1:uploading', 'old:processing']);
  });

  it('leaves out a photo its newest read found gone, listed or not', () => {
    const page = { images: [photo('a'), photo('b')], readAt: 100 };
    const cards = newestCards([page], singles(['a', { image: null, readAt: 150 }], ['new', { image: null, readAt: 160 }]));
    expect(shown(cards)).toEqual(['b:processing']);
  });

  it('still shows a new upload that a later list left out: the list’s index may lag', () => {
    const page = { images: [photo('a')], readAt: 500 };
    const cards = newestCards([page], singles(['new', { image: photo('new', { createdAt: 2_000 }), readAt: 400 }]));
    expect(shown(cards)).toEqual(['new:processing', 'a:processing']);
  });

  it('shows a photo on two lists once, as the newer list found it', () => {
    const page = { images: [photo('a', { status: 'ready' })], readAt: 300 };
    const more = { images: [photo('a'), photo('z')], readAt: 200 };
    expect(shown(newestCards([page, more], new Map()))).toEqual(['a:ready', 'z:processing']);
  });
});
