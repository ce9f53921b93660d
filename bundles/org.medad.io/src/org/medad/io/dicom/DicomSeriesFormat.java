package org.medad.io.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Geometry;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormat;
import org.medad.io.format.ImageHeader;
import org.medad.io.format.ImagePart;
import org.medad.io.raw.PatientSpace;
import org.osgi.service.component.annotations.Component;

/**
 * A folder of DICOM slices as one volume: files with any names (or none), grouped by SeriesInstanceUID,
 * ordered by ImagePositionPatient projected on the slice normal (not by name or InstanceNumber), slice
 * spacing from the positions (uneven spacing reported), each slice rescaled by its own slope/intercept.
 * A folder holding several series is refused with the list of them.
 */
@Component(service = ImageFormat.class)
public class DicomSeriesFormat implements ImageFormat {

	@Override
	public String name() {
		return "DICOM-series";
	}

	@Override
	public boolean readsFolders() {
		return true;
	}

	@Override
	public boolean isThisFormat(Path file, byte[] head) {
		return Files.isDirectory(file);
	}

	record Series(String uid, List<DicomFile> slices, double spacing, double unevenness) {
	}

	static Series series(Path dir) throws BadInputException {
		return series(dir, null);
	}

	/** The folder's DICOM files by SeriesInstanceUID, headers only, in the order first met. */
	private static Map<String, List<DicomFile>> byUid(Path dir) throws BadInputException {
		Map<String, List<DicomFile>> byUid = new LinkedHashMap<>();
		for (Path f : files(dir)) {
			if (!isDicom(f)) {
				continue;
			}
			DicomFile d = DicomFile.read(f).headerOnly(); // pixels are read again slice by slice, when decoded
			String uid = d.data.string(Tag.SERIES_INSTANCE_UID);
			byUid.computeIfAbsent(uid == null ? "(no SeriesInstanceUID)" : uid, k -> new ArrayList<>()).add(d);
		}
		if (byUid.isEmpty()) {
			throw BadInputException.of(dir, "holds no DICOM files");
		}
		return byUid;
	}

	/** With several series, each as a user tells them apart (the browser's rows); none with one series. */
	@Override
	public List<ImagePart> parts(Path dir) throws BadInputException {
		Map<String, List<DicomFile>> byUid = byUid(dir);
		List<ImagePart> parts = new ArrayList<>();
		if (byUid.size() < 2) {
			return parts;
		}
		for (var e : byUid.entrySet()) {
			var d = e.getValue().get(0).data;
			Map<String, String> details = new LinkedHashMap<>();
			put(details, ImagePart.PATIENT, join(d.string(Tag.PATIENT_NAME), d.string(Tag.PATIENT_ID)));
			put(details, ImagePart.STUDY, join(d.string(Tag.STUDY_DESCRIPTION), d.string(Tag.STUDY_DATE)));
			put(details, ImagePart.DESCRIPTION, d.string(Tag.SERIES_DESCRIPTION));
			put(details, ImagePart.MODALITY, d.string(Tag.MODALITY));
			details.put(ImagePart.SLICES, Integer.toString(e.getValue().size()));
			parts.add(new ImagePart(e.getKey(), details));
		}
		return parts;
	}

	private static void put(Map<String, String> details, String key, String value) {
		if (value != null && !value.isBlank()) {
			details.put(key, value.strip().replace('^', ' '));
		}
	}

	private static String join(String a, String b) {
		if (a == null || a.isBlank()) {
			return b;
		}
		return b == null || b.isBlank() ? a : a.strip() + " (" + b.strip() + ")";
	}

	/** The series of the folder; with several, the one chosen by index (as listed) or SeriesInstanceUID. */
	static Series series(Path dir, String choice) throws BadInputException {
		Map<String, List<DicomFile>> byUid = byUid(dir);
		if (choice != null) {
			List<String> uids = new ArrayList<>(byUid.keySet());
			String uid = choice.matches("\\d+") && Integer.parseInt(choice) < uids.size()
					? uids.get(Integer.parseInt(choice))
					: choice;
			if (!byUid.containsKey(uid)) {
				throw BadInputException.of(dir, "has no series '" + choice + "'; it holds " + list(byUid));
			}
			return order(dir, uid, byUid.get(uid));
		}
		if (byUid.size() > 1) {
			throw BadInputException.of(dir, "holds " + list(byUid) + "; choose one with --series INDEX|UID");
		}
		var entry = byUid.entrySet().iterator().next();
		return order(dir, entry.getKey(), entry.getValue());
	}

	private static String list(Map<String, List<DicomFile>> byUid) {
		StringBuilder s = new StringBuilder(byUid.size() + " series:");
		int i = 0;
		for (var e : byUid.entrySet()) {
			String desc = e.getValue().get(0).data.string(Tag.SERIES_DESCRIPTION);
			s.append(String.format("%n  [%d] %s  %d files%s", i++, e.getKey(), e.getValue().size(),
					desc == null ? "" : "  " + desc));
		}
		return s.toString();
	}

	private static Series order(Path dir, String uid, List<DicomFile> files) throws BadInputException {
		List<DicomFile> slices = new ArrayList<>(files);
		DicomFile first = slices.get(0);
		PixelFormat p0 = PixelFormat.of(first);
		DicomGeometry g0 = DicomGeometry.of(first.data, 1);
		for (DicomFile f : slices) {
			PixelFormat p = PixelFormat.of(f);
			if (p.rows() != p0.rows() || p.columns() != p0.columns() || p.channels() != p0.channels()) {
				throw BadInputException.of(f.file, "is " + p.columns() + "x" + p.rows() + " but the series "
						+ "starts with " + p0.columns() + "x" + p0.rows() + " (" + first.file.getFileName() + ")");
			}
			if (p.frames() != 1) {
				throw BadInputException.of(f.file, "is a multi-frame image inside a series; read it on its own");
			}
			DicomGeometry g = DicomGeometry.of(f.data, 1);
			if (g.position() == null) {
				throw BadInputException.of(f.file, "has no ImagePositionPatient/ImageOrientationPatient: cannot "
						+ "place it in the series");
			}
			if (!close(g.rowCosine(), g0.rowCosine()) || !close(g.columnCosine(), g0.columnCosine())) {
				throw BadInputException.of(f.file, "has another orientation than the rest of series " + uid);
			}
		}
		slices.sort(Comparator.comparingDouble(f -> DicomGeometry.of(f.data, 1).alongNormal()));
		double[] pos = slices.stream().mapToDouble(f -> DicomGeometry.of(f.data, 1).alongNormal()).toArray();
		double spacing = Double.NaN;
		double uneven = 0;
		if (pos.length > 1) {
			double[] d = new double[pos.length - 1];
			for (int i = 0; i < d.length; i++) {
				d[i] = pos[i + 1] - pos[i];
				if (d[i] < 1e-6) {
					throw BadInputException.of(slices.get(i + 1).file, "lies at the same position as "
							+ slices.get(i).file.getFileName() + " (duplicate slice?)");
				}
			}
			double[] sorted = d.clone();
			Arrays.sort(sorted);
			spacing = sorted[sorted.length / 2];
			for (double v : d) {
				uneven = Math.max(uneven, Math.abs(v - spacing));
			}
		} else {
			spacing = DicomGeometry.of(first.data, 1).spacing()[2];
		}
		return new Series(uid, slices, spacing, uneven);
	}

	private static boolean close(double[] a, double[] b) {
		for (int i = 0; i < 3; i++) {
			if (Math.abs(a[i] - b[i]) > 1e-4) {
				return false;
			}
		}
		return true;
	}

	private static List<Path> files(Path dir) throws BadInputException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
					.filter(p -> !p.getFileName().toString().equalsIgnoreCase("DICOMDIR")).sorted().toList();
		} catch (IOException e) {
			throw BadInputException.of(dir, "cannot list folder: " + e.getMessage(), e);
		}
	}

	private static boolean isDicom(Path f) throws BadInputException {
		try (InputStream in = Files.newInputStream(f)) {
			return DicomFile.looksLikeDicom(in.readNBytes(132));
		} catch (IOException e) {
			throw BadInputException.of(f, "cannot be read: " + e.getMessage(), e);
		}
	}

	@Override
	public ImageHeader parseHeader(Path dir) throws BadInputException {
		return header(dir, series(dir));
	}

	@Override
	public ImageHeader parseHeader(Path dir, String part) throws BadInputException {
		return header(dir, series(dir, part));
	}

	@Override
	public Volume read(Path dir, String part) throws BadInputException {
		return volume(dir, series(dir, part));
	}

	static ImageHeader header(Path dir, Series s) throws BadInputException {
		DicomFile first = s.slices().get(0);
		PixelFormat p = PixelFormat.of(first);
		DicomGeometry g = DicomGeometry.of(first.data, 1);
		Geometry geometry = g.geometry(s.spacing());
		Map<String, Object> details = DicomFormat.details(first, p);
		details.put("series_instance_uid", s.uid());
		details.put("slices", s.slices().size());
		details.put("uneven_slice_spacing_mm", s.unevenness() > 1e-3 * Math.max(1, s.spacing()) ? s.unevenness() : null);
		return new ImageHeader("DICOM-series", new long[] { p.columns(), p.rows(), s.slices().size() }, p.channels(),
				p.datatypeLabel(first.file), new double[] { g.spacing()[0], g.spacing()[1], s.spacing() },
				PatientSpace.affine(geometry), geometry, details);
	}

	@Override
	public Volume read(Path dir) throws BadInputException {
		return volume(dir, series(dir));
	}

	private static Volume volume(Path dir, Series s) throws BadInputException {
		ImageHeader h = header(dir, s);
		PixelFormat p0 = PixelFormat.of(s.slices().get(0));
		int n = (int) p0.framePixels();
		int slices = s.slices().size();
		int ch = p0.channels();
		float[] out = new float[n * slices * ch];
		for (int k = 0; k < slices; k++) {
			DicomFile f = s.slices().get(k).withPixels();
			if (ch == 1) {
				PixelDecoder.decodeInto(f, PixelFormat.of(f), out, k * n);
				continue;
			}
			float[] v = PixelDecoder.decode(f, PixelFormat.of(f));
			for (int c = 0; c < ch; c++) {
				System.arraycopy(v, c * n, out, c * n * slices + k * n, n);
			}
		}
		long[] dims = ch > 1 ? new long[] { p0.columns(), p0.rows(), slices, ch }
				: new long[] { p0.columns(), p0.rows(), slices };
		Map<String, String> meta = new LinkedHashMap<>();
		h.details().forEach((k, v) -> {
			if (v != null) {
				meta.put(k, String.valueOf(v));
			}
		});
		String modality = s.slices().get(0).data.string(Tag.MODALITY);
		return new Volume(dir.toString(), Images.wrap(out, dims), h.geometry(), ch, modality == null ? "OT" : modality,
				meta);
	}
}
