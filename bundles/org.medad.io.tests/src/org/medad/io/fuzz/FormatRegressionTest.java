package org.medad.io.fuzz;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medad.core.error.BadInputException;
import org.medad.io.FormatServices;
import org.medad.io.TestData;

/** One case per reader defect found by fuzzing (issue 11): each is now a clean refusal naming the file and field. */
class FormatRegressionTest {
	@TempDir
	Path tmp;

	private void refused(Path file, String... words) throws Exception {
		BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
				BadInputException.class, () -> {
					var f = FormatServices.get().formatOf(file);
					f.parseHeader(file);
					var v = f.read(file);
					for (var t : net.imglib2.view.Views.flatIterable(v.voxels())) {
						t.get();
					}
				}));
		String m = e.getMessage();
		assertTrue(m.contains(file.getFileName().toString()), "names the file: " + m);
		assertTrue(FormatFuzzer.messageProblem(m, file, file) == null, "reads as words: " + m);
		for (String w : words) {
			assertTrue(m.contains(w), "mentions '" + w + "': " + m);
		}
	}

	private Path copy(String name) throws Exception {
		Path src = TestData.dir().resolve(name);
		Path dst = tmp.resolve(src.getFileName().toString());
		Files.copy(src, dst);
		return dst;
	}

	private Path text(String name, String from, String to) throws Exception {
		Path p = copy(name);
		String s = Files.readString(p, StandardCharsets.ISO_8859_1);
		assertTrue(s.contains(from), name + " holds " + from);
		Files.writeString(p, s.replaceFirst(java.util.regex.Pattern.quote(from), to), StandardCharsets.ISO_8859_1);
		return p;
	}

	@Test
	void metaImageNegativeDimSizeAndNDims() throws Exception {
		Path mha = text("meta/CorpusCallosumMeanShape.mha", "NDims = 2", "NDims = -2");
		refused(mha, "NDims");
		Path mha2 = tmp.resolve("b.mha");
		String s = Files.readString(TestData.dir().resolve("meta/gen_ch2bet_ct_int16_zlib.mha"), StandardCharsets.ISO_8859_1);
		Files.writeString(mha2, s.replaceFirst("DimSize = [^\\n]*", "DimSize = 181 -2 3"), StandardCharsets.ISO_8859_1);
		refused(mha2, "DimSize", "-2");
	}

	@Test
	void metaImageDataFileThatIsAFolderOrNoName() throws Exception {
		Path mhd = copy("meta/BrainProtonDensitySliceBorder20.mhd");
		String s = Files.readString(mhd, StandardCharsets.ISO_8859_1);
		Files.writeString(mhd, s.replaceFirst("ElementDataFile = [^\\n]*", "ElementDataFile = /"));
		refused(mhd, "ElementDataFile");
		Files.writeString(mhd, s.replaceFirst("ElementDataFile = [^\\n]*", "ElementDataFile = a\u0000b.raw"),
				StandardCharsets.ISO_8859_1);
		refused(mhd, "ElementDataFile");
	}

	@Test
	void nrrdNegativeDimension() throws Exception {
		refused(text("meta/gen_ct_ramp_int16_gzip.nrrd", "dimension: 3", "dimension: -2"), "dimension");
	}

	@Test
	void niftiNegativeVoxOffsetAndOverflowingDimensions() throws Exception {
		Path nii = copy("nifti/anatomical.nii");
		byte[] b = Files.readAllBytes(nii);
		ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(108, -352f);
		Files.write(nii, b);
		refused(nii, "vox_offset");
		Path gz = tmp.resolve("standard.nii.gz");
		byte[] inner = Mutations.gunzip(Files.readAllBytes(TestData.dir().resolve("nifti/standard.nii.gz")), 1 << 26);
		ByteBuffer h = ByteBuffer.wrap(inner).order(ByteOrder.LITTLE_ENDIAN);
		h.putShort(42, (short) 20000).putShort(46, (short) 20000); // dim1 = dim3 = 20000: 2.4 GB promised
		Files.write(gz, Mutations.gzip(inner));
		refused(gz, "truncated");
		h.putShort(42, (short) 91).putShort(46, (short) 91).putFloat(108, -1f);
		Files.write(gz, Mutations.gzip(inner));
		refused(gz, "vox_offset");
		Path n2 = copy("nifti/example_nifti2.nii.gz");
		byte[] inner2 = Mutations.gunzip(Files.readAllBytes(n2), 1 << 26);
		ByteBuffer.wrap(inner2).order(ByteOrder.LITTLE_ENDIAN).putLong(24, 1L << 40).putLong(32, 1L << 40);
		Files.write(n2, Mutations.gzip(inner2));
		refused(n2, "dimensions");
	}

	@Test
	void tiffTruncatedLoopingOrWithABadEntry() throws Exception {
		var seeds = FormatFuzzer.seeds(TestData.dir(), tmp.resolve("gen"));
		Path tif = seeds.stream().map(FormatFuzzer.Seed::target).filter(p -> p.toString().endsWith(".tif")).findFirst()
				.orElseThrow();
		byte[] b = Files.readAllBytes(tif);
		Path t = tmp.resolve("t.tif");
		Files.write(t, java.util.Arrays.copyOf(b, 19));
		refused(t, "TIFF");
		Files.write(t, Mutations.tiffLoop(b).bytes());
		refused(t, "loops");
		byte[] bad = b.clone();
		ByteBuffer bb = ByteBuffer.wrap(bad).order(bad[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		int ifd = bb.getInt(4);
		bb.putInt(ifd + 2 + 8, 0x7FFFFFF0); // the first entry's value/offset far outside the file
		bb.putInt(ifd + 2 + 4, 0x7FFFFFF0); // and its count absurd
		Files.write(t, bad);
		refused(t, "TIFF");
		Path bmp = seeds.stream().map(FormatFuzzer.Seed::target).filter(p -> p.toString().endsWith(".bmp")).findFirst()
				.orElseThrow();
		byte[] m = Files.readAllBytes(bmp);
		ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putInt(10, 0xFFFFFFFF);
		Path bm = tmp.resolve("b.bmp");
		Files.write(bm, m);
		refused(bm, "BMP");
	}

	@Test
	void pngTruncatedSaysNoNull() throws Exception {
		Path png = copy("png/BrainT1Slice.png");
		byte[] b = Files.readAllBytes(png);
		Files.write(png, java.util.Arrays.copyOf(b, b.length / 2));
		refused(png, "PNG");
	}

	@Test
	void dicomAbsurdFramesAndSamples() throws Exception {
		Path dcm = copy("dicom/MR_small.dcm");
		byte[] b = Files.readAllBytes(dcm);
		int at = find(b, 0x0028, 0x0002);
		ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(at + 8, (short) 0);
		Files.write(dcm, b);
		refused(dcm, "SamplesPerPixel");
		Path rt = copy("dicom/rtdose.dcm");
		byte[] r = Files.readAllBytes(rt);
		int f = find(r, 0x0028, 0x0008);
		ByteBuffer.wrap(r).order(ByteOrder.LITTLE_ENDIAN).putShort(f + 8, (short) 0x3131); // "15" -> "11": fewer frames
		int rows = find(r, 0x0028, 0x0010);
		ByteBuffer.wrap(r).order(ByteOrder.LITTLE_ENDIAN).putShort(rows + 8, (short) 0xFFFF); // 65535 rows
		Files.write(rt, r);
		refused(rt, "pixel data");
	}

	/** Offset of an explicit-VR little-endian element with a short length (the test files' pixel module). */
	private static int find(byte[] b, int group, int element) {
		for (int i = 132; i + 10 < b.length; i++) {
			if ((b[i] & 0xFF) == (group & 0xFF) && (b[i + 1] & 0xFF) == group >> 8 && (b[i + 2] & 0xFF) == (element & 0xFF)
					&& (b[i + 3] & 0xFF) == element >> 8) {
				return i;
			}
		}
		throw new AssertionError("element not found");
	}
}
