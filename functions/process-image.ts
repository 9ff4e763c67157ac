import { handleUploadEvents } from '../lib/images';

export const handler = (event: unknown) => handleUploadEvents(event);
