package org.medad.io.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;

import org.medad.core.error.BadInputException;
import org.medad.core.model.AtomicFiles;

/**
 * An anomaly map written as a DICOM series over the series it was computed from, so that a PACS viewer
 * or 3D Slicer opens it on top of the scan: one Secondary Capture image per source slice (ImageType
 * DERIVED\SECONDARY, modality OT), in the source's patient, study and frame of reference, each slice at
 * its source slice's position and orientation with its pixel spacing, a new series and new instances
 * (UIDs under 2.25, from random UUIDs), the source series referenced. Values are 16-bit with the rescale
 * slope and intercept that give the map back to within its range / 65535. Explicit VR little endian.
 */
public final class DicomMapSeries {
	private static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
	private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
	/** This product's implementation UID (2.25 + the UUID of "org.medad"). */
	private static final String IMPLEMENTATION = "2.25." + new BigInteger(1, uuidBytes(
			UUID.nameUUIDFromBytes("org.medad".getBytes(StandardCharsets.US_ASCII))));
	/** Attributes copied from each source slice: patient, study, frame of reference, geometry. */
	private static final int[] COPIED = { 0x00080020, 0x00080030, 0x00080050, 0x00080090, 0x00100010, 0x00100020,
			0x00100030, 0x00100040, 0x0020000D, 0x00200010, 0x00200032, 0x00200037, 0x00200052, 0x00201040,
			0x00280030, 0x00180050 };
	private static final java.util.Map<Integer, String> VR = vrs();

	private DicomMapSeries() {
	}

	/**
	 * Writes {@code map} (x = column fastest, then row, then slice in the order the series reader sorts them: along
	 * the slice normal) as files {@code IM00001.dcm}... in {@code folder}, one per source slice. Returns the new
	 * SeriesInstanceUID.
	 */
	public static String write(Path source, float[] map, Path folder, String description) throws BadInputException,
			IOException {
		DicomSeriesFormat.Series s = DicomSeriesFormat.series(source);
		DicomFile first = s.slices().get(0);
		PixelFormat p = PixelFormat.of(first);
		int n = p.rows() * p.columns();
		if (map.length != (long) n * s.slices().size()) {
			throw BadInputException.of(source, "the map has " + map.length + " voxels but the series is " + p.columns()
					+ "x" + p.rows() + "x" + s.slices().size());
		}
		float min = Float.POSITIVE_INFINITY;
		float max = Float.NEGATIVE_INFINITY;
		for (float v : map) {
			if (Float.isFinite(v)) {
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
		}
		if (!(max > min)) {
			max = min + 1; // a constant map: any slope represents it
		}
		double slope = (max - (double) min) / 65535;
		String series = uid();
		java.nio.file.Files.createDirectories(folder);
		for (int k = 0; k < s.slices().size(); k++) {
			DicomFile src = s.slices().get(k);
			TreeMap<Integer, byte[]> e = new TreeMap<>(Integer::compareUnsigned);
			for (int tag : COPIED) {
				byte[] v = src.data.find(tag);
				if (v != null) {
					e.put(tag, v);
				}
			}
			String sop = uid();
			str(e, 0x00080008, "DERIVED\\SECONDARY");
			str(e, 0x00080016, SECONDARY_CAPTURE);
			str(e, 0x00080018, sop);
			str(e, 0x00080060, "OT");
			str(e, 0x00080064, "WSD"); // conversion type: workstation
			str(e, 0x0008103E, description);
			str(e, 0x0020000E, series);
			str(e, 0x00200011, "9001");
			str(e, 0x00200013, Integer.toString(k + 1));
			ush(e, 0x00280002, 1);
			str(e, 0x00280004, "MONOCHROME2");
			ush(e, 0x00280010, p.rows());
			ush(e, 0x00280011, p.columns());
			ush(e, 0x00280100, 16);
			ush(e, 0x00280101, 16);
			ush(e, 0x00280102, 15);
			ush(e, 0x00280103, 0);
			str(e, 0x00281050, ds((min + (double) max) / 2));
			str(e, 0x00281051, ds(max - (double) min));
			str(e, 0x00281052, ds(min));
			str(e, 0x00281053, ds(slope));
			ByteBuffer px = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
			for (int i = 0; i < n; i++) {
				float v = map[k * n + i];
				double q = Float.isFinite(v) ? Math.rint((v - (double) min) / slope) : 0;
				px.putShort((short) (int) Math.max(0, Math.min(65535, q)));
			}
			e.put(0x7FE00010, px.array());
			byte[] ref = referencedSeries(s.uid());
			AtomicFiles.write(folder.resolve(String.format(Locale.ROOT, "IM%05d.dcm", k + 1)),
					tmp -> java.nio.file.Files.write(tmp, file(e, sop, ref)));
		}
		return series;
	}

	private static byte[] file(TreeMap<Integer, byte[]> elements, String sop, byte[] referencedSeries)
			throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		boolean refDone = false;
		for (var en : elements.entrySet()) {
			if (!refDone && Integer.compareUnsigned(en.getKey(), 0x00081115) > 0) {
				body.write(referencedSeries);
				refDone = true;
			}
			element(body, en.getKey(), en.getValue());
		}
		ByteArrayOutputStream meta = new ByteArrayOutputStream();
		element(meta, 0x00020001, new byte[] { 0, 1 });
		element(meta, 0x00020002, pad(SECONDARY_CAPTURE, true));
		element(meta, 0x00020003, pad(sop, true));
		element(meta, 0x00020010, pad(EXPLICIT_LE, true));
		element(meta, 0x00020012, pad(IMPLEMENTATION, true));
		element(meta, 0x00020013, pad("MEDAD_0_1", false));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(new byte[128]);
		out.write("DICM".getBytes(StandardCharsets.US_ASCII));
		element(out, 0x00020000, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(meta.size()).array());
		meta.writeTo(out);
		body.writeTo(out);
		return out.toByteArray();
	}

	/** (0008,1115) ReferencedSeriesSequence: one item naming the source series. */
	private static byte[] referencedSeries(String uid) throws IOException {
		ByteArrayOutputStream item = new ByteArrayOutputStream();
		element(item, 0x0020000E, pad(uid, true));
		ByteArrayOutputStream sq = new ByteArrayOutputStream();
		tag(sq, 0x00081115);
		sq.write(new byte[] { 'S', 'Q', 0, 0 });
		sq.write(le32(-1)); // undefined length
		tag(sq, 0xFFFEE000);
		sq.write(le32(item.size()));
		item.writeTo(sq);
		tag(sq, 0xFFFEE0DD);
		sq.write(le32(0));
		return sq.toByteArray();
	}

	private static void element(ByteArrayOutputStream out, int tag, byte[] value) throws IOException {
		String vr = tag == 0x7FE00010 ? "OW" : VR.getOrDefault(tag, (tag >>> 16) == 0x0002 && tag != 0x00020000
				? "UI" : "LO");
		if (tag == 0x00020001) {
			vr = "OB";
		}
		tag(out, tag);
		out.write(vr.getBytes(StandardCharsets.US_ASCII));
		if (vr.equals("OB") || vr.equals("OW") || vr.equals("SQ") || vr.equals("UN") || vr.equals("UT")) {
			out.write(new byte[2]);
			out.write(le32(value.length));
		} else {
			out.write(value.length & 0xFF);
			out.write(value.length >>> 8 & 0xFF);
		}
		out.write(value);
	}

	private static void tag(ByteArrayOutputStream out, int tag) {
		out.write(tag >>> 16 & 0xFF);
		out.write(tag >>> 24 & 0xFF);
		out.write(tag & 0xFF);
		out.write(tag >>> 8 & 0xFF);
	}

	private static byte[] le32(int v) {
		return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
	}

	private static void str(TreeMap<Integer, byte[]> e, int tag, String value) {
		e.put(tag, pad(value, "UI".equals(VR.get(tag))));
	}

	private static void ush(TreeMap<Integer, byte[]> e, int tag, int value) {
		e.put(tag, new byte[] { (byte) value, (byte) (value >>> 8) });
	}

	/** Even length: UIDs padded with NUL, text with a space. */
	private static byte[] pad(String s, boolean uid) {
		byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
		if (b.length % 2 == 0) {
			return b;
		}
		byte[] p = java.util.Arrays.copyOf(b, b.length + 1);
		p[b.length] = uid ? 0 : (byte) ' ';
		return p;
	}

	/** A decimal string (VR DS) of at most 16 characters. */
	private static String ds(double v) {
		String s = String.format(Locale.ROOT, "%.10g", v);
		if (s.length() > 16) {
			s = String.format(Locale.ROOT, "%.6e", v);
		}
		return s.length() > 16 ? String.format(Locale.ROOT, "%.4e", v) : s;
	}

	private static String uid() {
		return "2.25." + new BigInteger(1, uuidBytes(UUID.randomUUID()));
	}

	private static byte[] uuidBytes(UUID u) {
		return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
	}

	private static java.util.Map<Integer, String> vrs() {
		java.util.Map<Integer, String> m = new java.util.HashMap<>();
		for (int t : List.of(0x00080016, 0x00080018, 0x0020000D, 0x0020000E, 0x00200052)) {
			m.put(t, "UI");
		}
		m.put(0x00080008, "CS");
		m.put(0x00080020, "DA");
		m.put(0x00080030, "TM");
		m.put(0x00080050, "SH");
		m.put(0x00080060, "CS");
		m.put(0x00080064, "CS");
		m.put(0x00080090, "PN");
		m.put(0x0008103E, "LO");
		m.put(0x00100010, "PN");
		m.put(0x00100020, "LO");
		m.put(0x00100030, "DA");
		m.put(0x00100040, "CS");
		m.put(0x00180050, "DS");
		m.put(0x00200010, "SH");
		m.put(0x00200011, "IS");
		m.put(0x00200013, "IS");
		m.put(0x00200032, "DS");
		m.put(0x00200037, "DS");
		m.put(0x00201040, "LO");
		m.put(0x00280002, "US");
		m.put(0x00280004, "CS");
		m.put(0x00280010, "US");
		m.put(0x00280011, "US");
		m.put(0x00280030, "DS");
		m.put(0x00280100, "US");
		m.put(0x00280101, "US");
		m.put(0x00280102, "US");
		m.put(0x00280103, "US");
		m.put(0x00281050, "DS");
		m.put(0x00281051, "DS");
		m.put(0x00281052, "DS");
		m.put(0x00281053, "DS");
		return m;
	}
}
