package org.medad.io.raw;

/** Voxel sample types as files store them. */
public enum DataType {
	INT8("int8", 1), UINT8("uint8", 1), INT16("int16", 2), UINT16("uint16", 2), INT32("int32", 4),
	UINT32("uint32", 4), INT64("int64", 8), UINT64("uint64", 8), FLOAT32("float32", 4), FLOAT64("float64", 8);

	private final String label;
	private final int bytes;

	DataType(String label, int bytes) {
		this.label = label;
		this.bytes = bytes;
	}

	/** The name used by {@code medad inspect} (numpy's spelling). */
	public String label() {
		return label;
	}

	public int bytes() {
		return bytes;
	}
}
