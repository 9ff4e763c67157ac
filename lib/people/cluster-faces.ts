import { DescriptorMatrix } from './descriptor-matrix';

export interface ClusterOptions {
  /** Two faces at this cosine similarity or more are neighbours. */
  minSimilarity: number;
  /** A face with this many neighbours, itself included, is a core face. */
  minFaces: number;
  /** Neighbours looked at per face, closest first: bounds the work for someone in every photo. */
  neighbourLimit: number;
}

/**
 * DBSCAN over face descriptors, with cosine similarity: a core face and the faces it reaches are one
 * person, and core faces within reach of each other join their people; a face no core face reaches
 * belongs to nobody (-1). The same rule groupNewFaces applies one photo at a time, over a whole set at
 * once. Neighbour lists come from one batched exact search, so 10,000 faces take seconds, not minutes.
 */
export function clusterFaces(descriptors: Int8Array[], options: ClusterOptions): number[] {
  const matrix = DescriptorMatrix.from(descriptors);
  const all = new Int8Array(descriptors.length * matrix.dimensions);
  descriptors.forEach((descriptor, row) => all.set(descriptor, row * matrix.dimensions));
  const neighbours = matrix
    .nearestToEach(all, options.neighbourLimit, 0)
    .map((near) => near.filter((neighbour) => neighbour.similarity >= options.minSimilarity).map((neighbour) => neighbour.row));

  const UNSEEN = -2;
  const NOBODY = -1;
  const labels = new Array<number>(descriptors.length).fill(UNSEEN);
  let cluster = 0;
  for (let start = 0; start < descriptors.length; start++) {
    if (labels[start] !== UNSEEN) continue;
    if (neighbours[start]!.length < options.minFaces) {
      labels[start] = NOBODY;
      continue;
    }
    labels[start] = cluster;
    const queue = neighbours[start]!.filter((face) => face !== start);
    while (queue.length > 0) {
      const next = queue.pop()!;
      if (labels[next] === NOBODY) labels[next] = cluster;
      if (labels[next] !== UNSEEN) continue;
      labels[next] = cluster;
      if (neighbours[next]!.length >= options.minFaces) queue.push(...neighbours[next]!.filter((face) => labels[face]! < 0));
    }
    cluster += 1;
  }
  return labels;
}
