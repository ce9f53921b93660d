package org.medad.io.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of a DICOM data set: raw values by tag, with nested items for sequences. Values are
 * decoded on request in the data set's byte order.
 */
final class DicomDataset {
	private final Map<Integer, byte[]> values = new LinkedHashMap<>();
	private final Map<Integer, List<DicomDataset>> sequences = new LinkedHashMap<>();
	private final ByteOrder order;

	DicomDataset(ByteOrder order) {
		this.order = order;
	}

	void put(int tag, byte[] value) {
		values.put(tag, value);
	}

	void putSequence(int tag, List<DicomDataset> items) {
		sequences.put(tag, items);
	}

	boolean has(int tag) {
		return values.containsKey(tag) || sequences.containsKey(tag);
	}

	/** The value here or, failing that, the first one in nested items (enhanced multi-frame groups). */
	byte[] find(int tag) {
		byte[] v = values.get(tag);
		if (v != null) {
			return v;
		}
		for (List<DicomDataset> items : sequences.values()) {
			for (DicomDataset item : items) {
				byte[] nested = item.find(tag);
				if (nested != null) {
					return nested;
				}
			}
		}
		return null;
	}

	String string(int tag) {
		byte[] v = find(tag);
		if (v == null) {
			return null;
		}
		String s = new String(v, StandardCharsets.ISO_8859_1);
		int end = s.length();
		while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == 0)) {
			end--;
		}
		return s.substring(0, end).trim();
	}

	/** Multi-valued decimal or integer strings (DS, IS), null when absent or empty. */
	double[] numbers(int tag) {
		String s = string(tag);
		if (s == null || s.isEmpty()) {
			return null;
		}
		String[] parts = s.split("\\\\");
		double[] out = new double[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				out[i] = Double.parseDouble(parts[i].trim());
			} catch (NumberFormatException e) {
				return null;
			}
		}
		return out;
	}

	Double number(int tag) {
		double[] n = numbers(tag);
		return n == null ? null : n[0];
	}

	/** A binary US value (Rows, Columns, Bits...), or the fallback when absent. */
	int unsignedShort(int tag, int fallback) {
		byte[] v = find(tag);
		if (v == null || v.length < 2) {
			return fallback;
		}
		return ByteBuffer.wrap(v).order(order).getShort() & 0xFFFF;
	}

	List<String> tags() {
		List<String> out = new ArrayList<>();
		values.keySet().forEach(t -> out.add(Tag.hex(t)));
		return out;
	}
}
