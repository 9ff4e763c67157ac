import { resources } from '../aws/resources';
import { mediaSettings } from '../config';
import type { MediaSigner } from './schemas';
import { signingKeyPem } from './signing-key';

/** The key pair media cookies are signed with; null where none is configured (then no media access is given). */
export function mediaSigner(): MediaSigner | null {
  const { keyPairId } = mediaSettings();
  return keyPairId ? { keyPairId, privateKey: signingKeyPem(resources.mediaSigningKey) } : null;
}
