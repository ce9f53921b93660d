package org.medad.io.dicom;

import java.nio.ByteOrder;

/** The transfer syntaxes this reader knows, with how their pixel data are stored. */
enum TransferSyntax {
	IMPLICIT_LE("1.2.840.10008.1.2", "Implicit VR Little Endian", false, ByteOrder.LITTLE_ENDIAN, Codec.NATIVE),
	EXPLICIT_LE("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, ByteOrder.LITTLE_ENDIAN, Codec.NATIVE),
	DEFLATED_LE("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, ByteOrder.LITTLE_ENDIAN,
			Codec.NATIVE),
	EXPLICIT_BE("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, ByteOrder.BIG_ENDIAN, Codec.NATIVE),
	RLE("1.2.840.10008.1.2.5", "RLE Lossless", true, ByteOrder.LITTLE_ENDIAN, Codec.RLE),
	JPEG_BASELINE("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true, ByteOrder.LITTLE_ENDIAN, Codec.JPEG),
	JPEG_EXTENDED("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 and 4)", true, ByteOrder.LITTLE_ENDIAN, null),
	JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", true,
			ByteOrder.LITTLE_ENDIAN, Codec.JPEG_LOSSLESS),
	JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", "JPEG Lossless, First-Order Prediction (Process 14, SV1)", true,
			ByteOrder.LITTLE_ENDIAN, Codec.JPEG_LOSSLESS),
	JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", true, ByteOrder.LITTLE_ENDIAN, null),
	JPEG_LS_NEAR("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)", true, ByteOrder.LITTLE_ENDIAN, null),
	JPEG2000_LOSSLESS("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", true,
			ByteOrder.LITTLE_ENDIAN, null),
	JPEG2000("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", true, ByteOrder.LITTLE_ENDIAN, null);

	enum Codec {
		NATIVE, RLE, JPEG, JPEG_LOSSLESS
	}

	final String uid;
	final String label;
	final boolean explicitVr;
	final ByteOrder order;
	/** Null when the pixel data need a codec this reader does not have. */
	final Codec codec;

	TransferSyntax(String uid, String label, boolean explicitVr, ByteOrder order, Codec codec) {
		this.uid = uid;
		this.label = label;
		this.explicitVr = explicitVr;
		this.order = order;
		this.codec = codec;
	}

	static TransferSyntax of(String uid) {
		for (TransferSyntax t : values()) {
			if (t.uid.equals(uid)) {
				return t;
			}
		}
		return null;
	}
}
