export * from './media-cookies';
export * from './schemas';
export * from './media-signer';
export * from './signing-key';
