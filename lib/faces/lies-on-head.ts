/** A face's extent, in any units: pixels, or fractions of the photo's width (left, width) and height (top, height). */
interface Extent {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * How far above a face its head reaches, in face heights: forehead hair and the crown. A face's
 * extent (the mesh's, or Rekognition's box) stops at the upper forehead; the skull and hair above
 * it take another 0.3–0.5 of its height. Measured: the parted hair that BlazeFace and the mesh both
 * took for a face in groups/face-api-sample2.jpg is centred 0.38 face heights above the face's top.
 */
export const HEAD_ABOVE_FACE = 0.5;

/**
 * Whether `inner` is centred on the part of `outer`'s head above the face: within the face's width,
 * up to HEAD_ABOVE_FACE of its height above its top, and smaller. Nobody else's face can be seen
 * there (it would hide that head, or be hidden by it), so such a find is the head itself: hair, a
 * parting, a hat. Faces beside each other, even cheek to cheek, are centred more than half a face
 * width apart, and a face above someone's head (a child on shoulders) is centred higher.
 */
export function liesOnHead(inner: Extent, outer: Extent): boolean {
  if (inner.height >= outer.height) return false;
  const x = inner.left + inner.width / 2;
  const y = inner.top + inner.height / 2;
  return x > outer.left && x < outer.left + outer.width && y < outer.top && y > outer.top - HEAD_ABOVE_FACE * outer.height;
}
