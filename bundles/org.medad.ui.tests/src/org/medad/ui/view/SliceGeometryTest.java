package org.medad.ui.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.medad.core.image.Geometry;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The three planes in the radiological convention: which voxel axis goes where, the edge letters, screen to voxel
 * and back, millimetres in RAS, and the slice views against the voxels themselves, for grids stored RAS, LPS and
 * oblique.
 */
class SliceGeometryTest {
	static final long[] DIMS = { 4, 5, 6 };

	static Geometry geometry(double[] direction) {
		return new Geometry(new double[] { 1, 2, 3 }, new double[] { 10, 20, 30 }, direction, true);
	}

	static final Geometry RAS = geometry(new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 });
	static final Geometry LPS_STORED = geometry(new double[] { -1, 0, 0, 0, -1, 0, 0, 0, 1 });

	@Test
	void planesShowTheirAxesInTheRadiologicalConvention() {
		SliceGeometry axial = new SliceGeometry(ViewPlane.AXIAL, RAS, DIMS);
		assertArrayEquals(new String[] { "R", "L", "A", "P" }, axial.edgeLetters(), "left, right, top, bottom");
		assertEquals(4, axial.width());
		assertEquals(5, axial.height());
		assertEquals(6, axial.slices());
		assertArrayEquals(new long[] { 3, 4, 0 }, axial.voxel(0, 0, 0), "top left: the patient's right, anterior");
		SliceGeometry coronal = new SliceGeometry(ViewPlane.CORONAL, RAS, DIMS);
		assertArrayEquals(new String[] { "R", "L", "S", "I" }, coronal.edgeLetters());
		assertEquals(6, coronal.height());
		assertEquals(5, coronal.slices());
		assertEquals(3, coronal.spacingY(), 0);
		SliceGeometry sagittal = new SliceGeometry(ViewPlane.SAGITTAL, RAS, DIMS);
		assertArrayEquals(new String[] { "A", "P", "S", "I" }, sagittal.edgeLetters());
		assertEquals(5, sagittal.width());
		assertEquals(4, sagittal.slices());
		assertArrayEquals(new long[] { 0, 4, 5 }, sagittal.voxel(0, 0, 0), "anterior, superior, slice 0 at the right");
	}

	@Test
	void aGridStoredLpsLooksTheSameOnScreen() {
		SliceGeometry axial = new SliceGeometry(ViewPlane.AXIAL, LPS_STORED, DIMS);
		assertArrayEquals(new String[] { "R", "L", "A", "P" }, axial.edgeLetters(), "letters follow the patient");
		assertArrayEquals(new long[] { 0, 0, 0 }, axial.voxel(0, 0, 0), "voxel 0 is right-anterior here");
		double[] p = axial.ras(new long[] { 1, 1, 1 });
		assertArrayEquals(new double[] { 9, 18, 33 }, p, 1e-12);
	}

	@Test
	void anObliqueScanGetsTheLettersItsAxesPointTo() {
		double c = Math.cos(Math.toRadians(30));
		double s = Math.sin(Math.toRadians(30));
		Geometry oblique = geometry(new double[] { c, -s, 0, s, c, 0, 0, 0, 1 });
		SliceGeometry axial = new SliceGeometry(ViewPlane.AXIAL, oblique, DIMS);
		assertArrayEquals(new String[] { "RA", "LP", "AL", "PR" }, axial.edgeLetters());
		assertEquals("S", RasLetters.of(new double[] { 0, 0, 2 }));
		assertEquals("R", RasLetters.of(new double[] { 0.9, 0.2, 0 }));
		assertEquals("LA", RasLetters.of(new double[] { -0.7, 0.7, 0 }), "ties: the first axis first");
		assertThrows(IllegalArgumentException.class, () -> RasLetters.of(new double[3]));
	}

	@Test
	void screenAndVoxelRoundTripAndTheViewsShowTheVoxels() {
		RandomAccessibleInterval<FloatType> vol = ArrayImgs.floats(DIMS);
		RandomAccess<FloatType> a = vol.randomAccess();
		for (int k = 0; k < 6; k++) {
			for (int j = 0; j < 5; j++) {
				for (int i = 0; i < 4; i++) {
					a.setPosition(new long[] { i, j, k });
					a.get().set(i + 10 * j + 100 * k);
				}
			}
		}
		Random r = new Random(1);
		for (Geometry g : new Geometry[] { RAS, LPS_STORED }) {
			for (ViewPlane plane : ViewPlane.values()) {
				SliceGeometry sg = new SliceGeometry(plane, g, DIMS);
				for (int n = 0; n < 20; n++) {
					long[] v = { r.nextInt(4), r.nextInt(5), r.nextInt(6) };
					long[] xy = sg.screen(v);
					assertArrayEquals(v, sg.voxel(xy[0], xy[1], xy[2]), plane + " round trip");
				}
				for (long slice = 0; slice < sg.slices(); slice++) {
					RandomAccessibleInterval<FloatType> view = sg.view(vol, slice);
					assertEquals(sg.width(), view.dimension(0));
					assertEquals(sg.height(), view.dimension(1));
					RandomAccess<FloatType> va = view.randomAccess();
					for (long y = 0; y < sg.height(); y++) {
						for (long x = 0; x < sg.width(); x++) {
							va.setPosition(new long[] { x, y });
							long[] v = sg.voxel(x, y, slice);
							assertEquals(v[0] + 10 * v[1] + 100 * v[2], va.get().get(), 0, plane + " " + x + "," + y);
						}
					}
				}
				assertThrows(IndexOutOfBoundsException.class, () -> sg.view(vol, sg.slices()));
			}
		}
		assertArrayEquals(new double[] { 13, 28, 45 }, new SliceGeometry(ViewPlane.AXIAL, RAS, DIMS).ras(new long[] {
				3, 4, 5 }), 1e-12, "origin + spacing x index");
		assertThrows(IllegalArgumentException.class, () -> new SliceGeometry(ViewPlane.AXIAL, Geometry.pixels(2),
				new long[] { 4, 5 }));
	}
}
