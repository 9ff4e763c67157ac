import { InvokeCommand } from '@aws-sdk/client-lambda';
import { lambdaClient } from '../aws/clients';
import { resources } from '../aws/resources';
import { DescribeFacesResultSchema, type DescribedFace, type DescribeFacesEvent } from './describe-faces-event';
import type { FacePhoto } from './schemas';

/**
 * The built-in model for the site, which does not carry it: the describe-faces function is invoked
 * and answers synchronously. Lambda's 6 MB request limit is far above a normalised query photo.
 */
export async function invokeDescribeFaces(photo: FacePhoto): Promise<DescribedFace[]> {
  const event: DescribeFacesEvent = { jpegBase64: photo.jpeg.toString('base64'), width: photo.width, height: photo.height };
  const response = await lambdaClient().send(
    new InvokeCommand({ FunctionName: resources.describeFacesFunction, InvocationType: 'RequestResponse', Payload: Buffer.from(JSON.stringify(event)) }),
  );
  const body = response.Payload ? Buffer.from(response.Payload).toString('utf8') : 'null';
  if (response.FunctionError) {
    const message = (JSON.parse(body) as { errorMessage?: string } | null)?.errorMessage ?? response.FunctionError;
    throw new Error(`The describe-faces function failed: ${message}`);
  }
  return DescribeFacesResultSchema.parse(JSON.parse(body)).faces;
}
