import { exactSearch, MetricKind } from 'usearch';

/** Cosine similarity of two stored descriptors, in [-1, 1]. */
export function similarity(a: Int8Array, b: Int8Array): number {
  return DescriptorMatrix.from([a]).nearest(b)[0]!.similarity;
}

/** A row of a DescriptorMatrix and its similarity to a query. */
export interface Neighbour {
  row: number;
  similarity: number;
}

/**
 * Many stored descriptors of one length laid out in one block, compared with a query by USearch's
 * exact (brute-force) search: SIMD int8 cosine in native code, about ten times as fast as a JavaScript
 * loop over the same bytes (face_compare_10k_* in `npm run bench`). Exact, so a search misses nothing
 * that an approximate index would.
 */
export class DescriptorMatrix {
  readonly rows: number;
  private constructor(
    readonly dimensions: number,
    private readonly data: Int8Array,
  ) {
    this.rows = dimensions === 0 ? 0 : data.length / dimensions;
  }

  /** Rows laid end to end in `data`, which the matrix keeps as it is (not copied). */
  static of(dimensions: number, data: Int8Array): DescriptorMatrix {
    return new DescriptorMatrix(dimensions, ownBuffer(data));
  }

  /** The rows laid end to end, as `of` takes them. */
  get bytes(): Int8Array {
    return this.data;
  }

  static from(descriptors: Int8Array[]): DescriptorMatrix {
    const dimensions = descriptors[0]?.length ?? 0;
    const data = new Int8Array(descriptors.length * dimensions);
    descriptors.forEach((descriptor, row) => data.set(descriptor, row * dimensions));
    return new DescriptorMatrix(dimensions, data);
  }

  /** The stored descriptor of a row. */
  row(index: number): Int8Array {
    return this.data.subarray(index * this.dimensions, (index + 1) * this.dimensions);
  }

  /** The `count` rows most similar to the query (all rows at most), most similar first. */
  nearest(query: Int8Array, count = this.rows): Neighbour[] {
    return this.nearestToEach(query, count)[0] ?? [];
  }

  /** For each of the queries laid end to end, the `count` rows most similar to it, most similar first. */
  nearestToEach(queries: Int8Array, count: number, threads = 1): Neighbour[][] {
    const queryCount = queries.length / this.dimensions;
    const k = Math.min(count, this.rows);
    if (this.rows === 0 || k === 0) return Array.from({ length: queryCount }, () => []);
    const found = exactSearch(this.data, ownBuffer(queries), this.dimensions, k, MetricKind.Cos, threads);
    return Array.from({ length: queryCount }, (_, query) => {
      const neighbours: Neighbour[] = [];
      for (let i = query * k; i < (query + 1) * k; i++) neighbours.push({ row: Number(found.keys[i]), similarity: 1 - found.distances[i]! });
      return neighbours;
    });
  }
}

/** USearch reads a typed array from the start of its buffer, whatever its offset: a view is copied out first. */
function ownBuffer(array: Int8Array): Int8Array {
  return array.byteOffset === 0 && array.byteLength === array.buffer.byteLength ? array : array.slice();
}
