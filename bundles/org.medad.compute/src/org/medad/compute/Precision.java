package org.medad.compute;

import ai.djl.ndarray.types.DataType;

/**
 * Floating-point width of activations. float16 only on a GPU: on CPU it is no faster here, and bfloat16
 * cannot pass DJL 0.35.1's PyTorch JNI at all (BUILD-NOTES.md).
 */
public enum Precision {
	FLOAT32("float32", DataType.FLOAT32), FLOAT16("float16", DataType.FLOAT16);

	private final String label;
	private final DataType dataType;

	Precision(String label, DataType dataType) {
		this.label = label;
		this.dataType = dataType;
	}

	public String label() {
		return label;
	}

	public DataType dataType() {
		return dataType;
	}

	/** "float32"/"fp32"/"float16"/"fp16"/"half"; null for anything else. */
	public static Precision parse(String text) {
		return switch (text.toLowerCase(java.util.Locale.ROOT)) {
			case "float32", "fp32", "single" -> FLOAT32;
			case "float16", "fp16", "half" -> FLOAT16;
			default -> null;
		};
	}
}
