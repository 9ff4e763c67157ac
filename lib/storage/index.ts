export * from './keys';
export * from './objects';
export * from './presign';
