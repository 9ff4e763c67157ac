import type * as tfjs from '@tensorflow/tfjs-core';
import type { Human } from '@vladmandic/human';
import { cutSquare, resize, type PixelRect, type RawImage } from './raw-image';

/*
 * A second look at a face found by looking closer (a window of the photo, or the area around the
 * largest face), where buttons, badges and hair pass the detector and the mesh: the face mesh is run
 * again, alone, on a square framed by the extent of the mesh it drew the first time. A real face is
 * still a face in that framing; a texture that looked like one in the detector's framing mostly is
 * not. The mesh's confidence there is the answer.
 *
 * Measured on the fixtures (the closer looks' finds at the app's 1600 px and at 1600 px enlarged;
 * mesh confidence at 1.3 / 1.5 / 1.7 / 2.0 times the mesh's long side; at 1.7, over two runs whose
 * pixels differed by a re-encoding):
 * - faces of the whole-photo look: 0.97–1.00, except two whose first look was already weak (0.56, a
 *   profile in groups/face-api-sample2.jpg; 0.70, a 28-px face in groups/expedition-1897.jpg): 0.02
 *   and 0.20. That is why faces of the whole-photo look are not looked at twice;
 * - real small faces the windows found: 0.85–1.00 (groups/bar-2.jpg, beach-background-people.jpg,
 *   expedition-1897.jpg); one dark face turned 30° in groups/bar.jpg: 0.03–0.34;
 * - false finds whose first mesh confidence was 0.5 or more: printed text 0.00–0.28, a space-shuttle
 *   model 0.10, a mission patch 0.20–0.21, a cat's eye 0.20–0.34, a round badge 0.37–0.45. Two pass:
 *   the parted hair above a face in face-api-sample2.jpg (0.72–0.87; lies-on-head.ts catches it) and
 *   a hand holding a cue in pool.jpg enlarged (0.99).
 * A tighter framing loses real faces (1.3: yawn-glasses.jpg 0.07, pool.jpg's player 0.04); at 1.5
 * the badge (0.72) and text (0.91) pass; at 2.0 real small faces fall to 0.32–0.45.
 *
 * What did not tell them apart, on the same finds: the mesh's extent over the detector's box
 * (0.48–0.79 for real faces, 0.54–0.68 for false ones); the detector's score in wider or tighter
 * crops (the badge 0.79 and the hair 0.85 at four times their box, while a real 28-px face fell to
 * 0.14); the recognition descriptor's norm (4.2–5.1 for the hand and the hair, 4.9–6.6 for real
 * small faces); eyes darker than cheeks (the hand 0.18, sunglasses 0.15). A second detector call
 * would also cost ~50 ms where the mesh costs ~10.
 */
export const SECOND_LOOK_FRAME = 1.7;

/**
 * The second look's bar: between the false finds' 0.45 at most and the real small faces' 0.85 at
 * least, where MIN_FACE_CONFIDENCE (0.5) would leave the badge 0.05 to spare.
 */
export const SECOND_LOOK_MIN_CONFIDENCE = 0.75;

/** What the face mesh answers for a square SECOND_LOOK_FRAME times the long side of `mesh`, centred on it. */
export async function confirmFace(human: Human, image: RawImage, mesh: PixelRect): Promise<number> {
  const model = human.models.models.facemesh;
  if (!model) throw new Error('The face mesh is not loaded.');
  const side = Math.max(mesh.width, mesh.height) * SECOND_LOOK_FRAME;
  const inputSide = model.inputs[0]?.shape?.[2] ?? 192;
  const square = await resize(cutSquare(image, mesh.x + mesh.width / 2, mesh.y + mesh.height / 2, side), inputSide, inputSide);
  const tf = human.tf as typeof tfjs;
  // Human feeds the mesh RGB scaled to 0..1, and reads its confidence from the one output of size 1.
  const input = tf.tidy(() => tf.div(tf.tensor4d(square.data, [1, inputSide, inputSide, 3], 'int32'), 255));
  const outputs = [model.execute(input)].flat() as tfjs.Tensor[];
  try {
    const confidence = outputs.find((tensor) => tensor.shape[tensor.shape.length - 1] === 1);
    if (!confidence) throw new Error('The face mesh gave no confidence.');
    return (await confidence.data())[0] ?? 0;
  } finally {
    tf.dispose([input, ...outputs]);
  }
}
