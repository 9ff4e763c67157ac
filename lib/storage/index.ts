export * from './keys';
export * from './objects';
export * from './presign';
export * from './media-paths';
export * from './media-links';
