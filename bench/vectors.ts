/**
 * Synthetic unit vectors for the vector search benchmark, repeatable from a seed.
 *
 * Uniformly random vectors are a poor stand-in for embeddings at 512 dimensions: every vector is
 * almost equally far from every other, so "nearest neighbours" barely exist. Clustered vectors
 * (random centroids plus noise) mimic embeddings, whose texts group by topic.
 */

export type VectorKind = 'clustered' | 'random';

export interface VectorSpaceSpec {
  kind: VectorKind;
  dims: number;
  seed: number;
  /** Number of random centroids (clustered only). */
  clusters: number;
  /** Target mean cosine similarity between a vector and its centroid (clustered only). */
  cosineToCentroid: number;
}

export const DEFAULT_SPACE: Omit<VectorSpaceSpec, 'dims'> = {
  kind: 'clustered',
  seed: 42,
  clusters: 1_000,
  cosineToCentroid: 0.7,
};

/** `count` unit vectors of `dims` numbers each, stored back to back. */
export interface VectorSet {
  dims: number;
  count: number;
  vectors: Float32Array;
  /** Measured mean cosine similarity to the vector's own centroid (NaN for random vectors). */
  meanCosineToCentroid: number;
}

export interface VectorSpace {
  spec: VectorSpaceSpec;
  /** Draws `count` fresh vectors; each `stream` name gives its own repeatable sequence. */
  sample(count: number, stream: string): VectorSet;
}

/**
 * sfc32 seeded through splitmix32: small, fast, passes PractRand, and its period (about 2^128)
 * is far beyond the ~10^9 draws of the 1M-vector set.
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return (t + 0.5) / 4294967296;
  };
}

/** Standard normal draws (Box-Muller, both values used). */
export function createGaussian(random: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(random()));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/** A number that names a stream, so that each stream of one seed is independent and repeatable. */
function hashStream(seed: number, stream: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (const char of stream) hash = Math.imul(hash ^ (char.codePointAt(0) as number), 0x01000193);
  return hash >>> 0;
}

function normalizeInPlace(vectors: Float32Array, offset: number, dims: number): void {
  let norm = 0;
  for (let i = offset; i < offset + dims; i++) norm += (vectors[i] as number) ** 2;
  const scale = 1 / Math.sqrt(norm);
  for (let i = offset; i < offset + dims; i++) vectors[i] = (vectors[i] as number) * scale;
}

function fillGaussian(vectors: Float32Array, offset: number, dims: number, gaussian: () => number): void {
  for (let i = offset; i < offset + dims; i++) vectors[i] = gaussian();
}

export function createVectorSpace(spec: VectorSpaceSpec): VectorSpace {
  const { dims, seed } = spec;
  const clusters = spec.kind === 'clustered' ? spec.clusters : 0;
  const centroids = new Float32Array(clusters * dims);
  const centroidGaussian = createGaussian(createRandom(hashStream(seed, 'centroids')));
  for (let c = 0; c < clusters; c++) {
    fillGaussian(centroids, c * dims, dims, centroidGaussian);
    normalizeInPlace(centroids, c * dims, dims);
  }
  // Noise of norm r around a unit centroid gives cosine about 1 / sqrt(1 + r^2) in high dimensions.
  const noise = Math.sqrt((1 / spec.cosineToCentroid ** 2 - 1) / dims);

  return {
    spec,
    sample(count, stream) {
      const random = createRandom(hashStream(seed, stream));
      const gaussian = createGaussian(random);
      const vectors = new Float32Array(count * dims);
      let cosineSum = 0;
      for (let n = 0; n < count; n++) {
        const offset = n * dims;
        fillGaussian(vectors, offset, dims, gaussian);
        if (clusters > 0) {
          const base = Math.floor(random() * clusters) * dims;
          for (let i = 0; i < dims; i++) {
            vectors[offset + i] = (centroids[base + i] as number) + noise * (vectors[offset + i] as number);
          }
          normalizeInPlace(vectors, offset, dims);
          let cosine = 0;
          for (let i = 0; i < dims; i++) cosine += (vectors[offset + i] as number) * (centroids[base + i] as number);
          cosineSum += cosine;
        } else {
          normalizeInPlace(vectors, offset, dims);
        }
      }
      return { dims, count, vectors, meanCosineToCentroid: clusters > 0 ? cosineSum / count : Number.NaN };
    },
  };
}

/** Vector `index` of a set as the plain array hnswlib-node takes. */
export function vectorAt(set: VectorSet, index: number): number[] {
  return Array.from(set.vectors.subarray(index * set.dims, (index + 1) * set.dims));
}
