package org.medad.metrics;

import java.util.BitSet;

/**
 * Connected anomalous regions of a mask: 8-connectivity in 2D (as anomalib labels them), 26 in 3D,
 * where a lesion spanning slices is one region. Only the mask's non-zero pixels are visited and no
 * label image is allocated, so a 512x512x300 mask costs a 10 MB visited set, not a 300 MB label map.
 */
final class Regions {
	/** Receives each region's pixels (flat indices, x fastest) once the region is complete. */
	interface Sink {
		void region(int[] pixels, int size);
	}

	private Regions() {
	}

	/** @param dims 2 or 3 extents, x fastest, whose product is {@code mask.length} */
	static int visit(float[] mask, int[] dims, Sink sink) {
		int nx = dims[0];
		int ny = dims.length > 1 ? dims[1] : 1;
		int nz = dims.length > 2 ? dims[2] : 1;
		BitSet seen = new BitSet(mask.length);
		int[] queue = new int[64];
		int count = 0;
		for (int start = 0; start < mask.length; start++) {
			if (mask[start] == 0 || seen.get(start)) {
				continue;
			}
			seen.set(start);
			queue[0] = start;
			int head = 0;
			int tail = 1;
			while (head < tail) {
				int p = queue[head++];
				int x = p % nx;
				int y = (p / nx) % ny;
				int z = p / (nx * ny);
				for (int dz = nz > 1 ? -1 : 0; dz <= (nz > 1 ? 1 : 0); dz++) {
					int zz = z + dz;
					if (zz < 0 || zz >= nz) {
						continue;
					}
					for (int dy = -1; dy <= 1; dy++) {
						int yy = y + dy;
						if (yy < 0 || yy >= ny) {
							continue;
						}
						for (int dx = -1; dx <= 1; dx++) {
							int xx = x + dx;
							if (xx < 0 || xx >= nx) {
								continue;
							}
							int q = (zz * ny + yy) * nx + xx;
							if (mask[q] != 0 && !seen.get(q)) {
								seen.set(q);
								if (tail == queue.length) {
									queue = java.util.Arrays.copyOf(queue, tail * 2);
								}
								queue[tail++] = q;
							}
						}
					}
				}
			}
			sink.region(queue, tail);
			count++;
		}
		return count;
	}
}
