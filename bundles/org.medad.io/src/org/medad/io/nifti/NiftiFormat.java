package org.medad.io.nifti;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Affine;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormat;
import org.medad.io.format.ImageHeader;
import org.medad.io.raw.Interleaved;
import org.medad.io.raw.MappedVoxels;
import org.medad.io.raw.SampleReader;
import org.medad.io.raw.VoxelDecoder;
import org.osgi.service.component.annotations.Component;

/**
 * NIfTI-1 and NIfTI-2 ({@code .nii}, {@code .nii.gz}, header/image pairs) and Analyze 7.5
 * ({@code .hdr}/{@code .img}): every integer and float datatype, RGB24/RGBA32, both byte orders,
 * scl_slope/scl_inter, and the voxel-to-RAS affine by nibabel's rules. 4D files read as volumes over
 * time. Writes NIfTI-1 float32 ({@code .nii.gz} or {@code .nii}).
 */
@Component(service = ImageFormat.class)
public class NiftiFormat implements ImageFormat {

	@Override
	public String name() {
		return "NIfTI";
	}

	@Override
	public boolean isThisFormat(Path file, byte[] head) {
		String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
		boolean named = n.endsWith(".nii") || n.endsWith(".nii.gz") || n.endsWith(".hdr") || n.endsWith(".hdr.gz");
		if (head.length == 0) {
			return n.endsWith(".nii") || n.endsWith(".nii.gz");
		}
		if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
			return named; // gzip: trust the name, the header is inside
		}
		return named || hasMagic(head);
	}

	private static boolean hasMagic(byte[] h) {
		return h.length >= 348 && ((h[344] == 'n' && (h[345] == '+' || h[345] == 'i') && h[346] == '1')
				|| (h.length >= 12 && h[4] == 'n' && (h[5] == '+' || h[5] == 'i') && h[6] == '2'));
	}

	@Override
	public ImageHeader parseHeader(Path file) throws BadInputException {
		return imageHeader(file, header(file));
	}

	private static ImageHeader imageHeader(Path file, NiftiHeader h) throws BadInputException {
		double[] affine = NiftiAffine.best(h);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("format_version", h.kind().label);
		details.put("byte_order", h.order() == java.nio.ByteOrder.BIG_ENDIAN ? "big" : "little");
		details.put("datatype_code", h.datatypeCode());
		details.put("qform_code", h.qformCode());
		details.put("sform_code", h.sformCode());
		details.put("affine_source", NiftiAffine.source(h));
		details.put("vox_offset", h.voxOffset());
		details.put("scaling", h.slope() == 1 && h.intercept() == 0 ? "none"
				: "slope " + h.slope() + ", intercept " + h.intercept());
		return new ImageHeader(h.kind().label, h.dims(), h.channels(), h.datatypeLabel(file), h.spacing(), affine,
				spatial(Affine.toGeometry(affine, true), h.dims().length), details);
	}

	@Override
	public Volume read(Path file) throws BadInputException {
		NiftiHeader h = header(file);
		ImageHeader ih = imageHeader(file, h);
		if (h.dims().length > 4) {
			throw BadInputException.of(file, h.dims().length + "-D images are not supported (up to x, y, z, time)");
		}
		Path data = dataFile(file, h);
		boolean gz = data.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
		long offset = h.singleFile() ? h.voxOffset() : Math.max(0, h.voxOffset());
		long samples = h.voxelCount() * h.channels();
		if (!gz && h.channels() == 1) { // uncompressed: a lazily converted view over the memory-mapped file
			var mapped = MappedVoxels.open(data, offset, h.dims(), h.dataType(file), h.order(), h.slope(),
					h.intercept());
			if (mapped != null) {
				return new Volume(file.toString(), mapped, ih.geometry(), 1, "MR", Map.of("format", h.kind().label));
			}
		}
		VoxelDecoder decoder = new VoxelDecoder(h.dataType(file), h.order(), h.slope(), h.intercept());
		float[] v = gz ? SampleReader.readGzip(data, offset, samples, decoder)
				: SampleReader.read(data, offset, samples, SampleReader.Compression.NONE, decoder);
		long[] dims = h.dims();
		if (h.channels() > 1) {
			v = Interleaved.planar(v, h.channels());
			dims = java.util.Arrays.copyOf(dims, dims.length + 1);
			dims[dims.length - 1] = h.channels();
		}
		return new Volume(file.toString(), Images.wrap(v, dims), ih.geometry(), h.channels(), "MR",
				Map.of("format", h.kind().label));
	}

	/** The geometry of the first spatial axes: a 2D image keeps x and y of the 3D affine. */
	static Geometry spatial(Geometry g3, int ndim) {
		if (ndim >= 3) {
			return g3;
		}
		double[] d = g3.direction();
		if (ndim == 2) {
			return new Geometry(new double[] { g3.spacing()[0], g3.spacing()[1] },
					new double[] { g3.origin()[0], g3.origin()[1] }, new double[] { d[0], d[1], d[3], d[4] }, true);
		}
		return new Geometry(new double[] { g3.spacing()[0] }, new double[] { g3.origin()[0] }, new double[] { 1 },
				true);
	}

	static NiftiHeader header(Path file) throws BadInputException {
		try (InputStream raw = Files.newInputStream(file);
				InputStream in = isGzip(file) ? new GZIPInputStream(raw) : raw) {
			return NiftiHeader.parse(file, in.readNBytes(NiftiHeader.NIFTI2_SIZE));
		} catch (NoSuchFileException e) {
			throw BadInputException.of(file, "no such file");
		} catch (IOException e) {
			throw BadInputException.of(file, "cannot read the header: " + e.getMessage(), e);
		}
	}

	static boolean isGzip(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return in.read() == 0x1f && in.read() == 0x8b;
		}
	}

	/** The file holding the voxels: the .nii itself, or the .img beside a .hdr. */
	private static Path dataFile(Path file, NiftiHeader h) throws BadInputException {
		if (h.singleFile()) {
			return file;
		}
		String name = file.getFileName().toString();
		String stem = name.replaceFirst("(?i)\\.(hdr|img)(\\.gz)?$", "");
		for (String ext : new String[] { ".img", ".img.gz", ".IMG" }) {
			Path candidate = file.resolveSibling(stem + ext);
			if (Files.isRegularFile(candidate)) {
				return candidate;
			}
		}
		throw BadInputException.of(file, "no image data: " + stem + ".img is missing beside the header");
	}

	@Override
	public boolean canWrite() {
		return true;
	}

	@Override
	public void write(Volume image, Path file) throws IOException {
		NiftiWriter.write(image, file);
	}
}
