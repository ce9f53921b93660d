package org.medad.io.nrrd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.BadInputException;
import org.medad.core.image.Images;

class NrrdEncodingsTest {
	private final NrrdFormat nrrd = new NrrdFormat();

	@TempDir
	Path tmp;

	@Test
	void asciiEncodingWithAChannelAxis() throws Exception {
		Path f = tmp.resolve("a.nrrd");
		Files.writeString(f, """
				NRRD0004
				# two RGB voxels along x, one row, a 2D grid
				type: int
				dimension: 3
				space dimension: 2
				sizes: 3 2 1
				kinds: RGB-color domain domain
				space directions: none (2,0) (0,3)
				space origin: (10,20)
				encoding: ascii

				1 2 3
				-4 5 600000
				""");
		var h = nrrd.parseHeader(f);
		assertEquals(3, h.channels());
		assertEquals("[2, 1]", java.util.Arrays.toString(h.dims()));
		assertEquals("int32", h.datatype());
		assertArrayEquals(new double[] { 2, 3 }, h.spacing(), 1e-12);
		// channel planes, channel axis last: R = (1, -4), G = (2, 5), B = (3, 600000)
		assertArrayEquals(new float[] { 1, -4, 2, 5, 3, 600000 }, Images.toArray(nrrd.read(f).voxels()));
	}

	@Test
	void unsupportedEncodingAndTruncatedAsciiNameTheFile() throws Exception {
		Path b = tmp.resolve("b.nrrd");
		Files.writeString(b, "NRRD0004\ntype: uchar\ndimension: 1\nsizes: 4\nencoding: bzip2\n\nxx");
		BadInputException e = assertThrows(BadInputException.class, () -> nrrd.read(b));
		assertTrue(e.getMessage().startsWith(b.toString()) && e.getMessage().contains("bzip2"), e.getMessage());
		Path t = tmp.resolve("t.nrrd");
		Files.writeString(t, "NRRD0004\ntype: float\ndimension: 1\nsizes: 4\nencoding: ascii\n\n1 2 3\n");
		BadInputException e2 = assertThrows(BadInputException.class, () -> nrrd.read(t));
		assertTrue(e2.getMessage().contains("truncated"), e2.getMessage());
	}
}
