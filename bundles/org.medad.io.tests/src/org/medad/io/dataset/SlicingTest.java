package org.medad.io.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.medad.core.error.BadInputException;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;

class SlicingTest {
	static Volume volume() {
		float[] v = new float[4 * 3 * 5];
		for (int i = 0; i < v.length; i++) {
			v[i] = i;
		}
		return new Volume("v", Images.wrap(v, 4, 3, 5), new Geometry(new double[] { 0.5, 0.7, 2 },
				new double[] { 1, 2, 3 }, new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, true), "MR", Map.of());
	}

	@Test
	void slicesInEachPlaneAndBackOntoTheGrid() throws Exception {
		Volume v = volume();
		for (Slicing.Plane p : Slicing.Plane.values()) {
			List<Volume> s = Slicing.slices(v, p, 1, 3);
			assertEquals(2, s.size());
			assertEquals("2", s.get(1).metadata().get("slice_index"));
			List<float[]> maps = new ArrayList<>();
			s.forEach(x -> maps.add(Images.toArray(x.voxels())));
			Volume back = Slicing.stack(maps, v, p, 1);
			assertEquals(v.geometry(), back.geometry());
			float[] all = Images.toArray(v.voxels());
			float[] got = Images.toArray(back.voxels());
			for (int i = 0; i < all.length; i++) {
				int x = i % 4, y = (i / 4) % 3, z = i / 12;
				int along = p == Slicing.Plane.SAGITTAL ? x : p == Slicing.Plane.CORONAL ? y : z;
				assertEquals(along == 1 || along == 2 ? all[i] : 0, got[i], p + " voxel " + i);
			}
		}
		assertArrayEquals(new double[] { 0.5, 0.7 }, Slicing.slices(v, Slicing.Plane.AXIAL, 0, 1).get(0).geometry().spacing());
		assertArrayEquals(new double[] { 0.7, 2 }, Slicing.slices(v, Slicing.Plane.SAGITTAL, 0, 1).get(0).geometry().spacing());
	}

	@Test
	void rangeOutsideTheVolumeIsBadInput() {
		assertThrows(BadInputException.class, () -> Slicing.slices(volume(), Slicing.Plane.AXIAL, 60, 100));
	}
}
