package org.medad.io.dicom;

/** The DICOM attributes this reader uses, as (group << 16 | element). */
final class Tag {
	static final int TRANSFER_SYNTAX = 0x00020010;
	static final int STUDY_DATE = 0x00080020;
	static final int MODALITY = 0x00080060;
	static final int STUDY_DESCRIPTION = 0x00081030;
	static final int PATIENT_NAME = 0x00100010;
	static final int PATIENT_ID = 0x00100020;
	static final int SLICE_THICKNESS = 0x00180050;
	static final int SPACING_BETWEEN_SLICES = 0x00180088;
	static final int IMAGER_PIXEL_SPACING = 0x00181164;
	static final int SERIES_INSTANCE_UID = 0x0020000E;
	static final int SERIES_DESCRIPTION = 0x0008103E;
	static final int SERIES_NUMBER = 0x00200011;
	static final int INSTANCE_NUMBER = 0x00200013;
	static final int IMAGE_POSITION = 0x00200032;
	static final int IMAGE_ORIENTATION = 0x00200037;
	static final int SAMPLES_PER_PIXEL = 0x00280002;
	static final int PHOTOMETRIC = 0x00280004;
	static final int PLANAR_CONFIGURATION = 0x00280006;
	static final int NUMBER_OF_FRAMES = 0x00280008;
	static final int ROWS = 0x00280010;
	static final int COLUMNS = 0x00280011;
	static final int PIXEL_SPACING = 0x00280030;
	static final int BITS_ALLOCATED = 0x00280100;
	static final int BITS_STORED = 0x00280101;
	static final int PIXEL_REPRESENTATION = 0x00280103;
	static final int WINDOW_CENTER = 0x00281050;
	static final int WINDOW_WIDTH = 0x00281051;
	static final int RESCALE_INTERCEPT = 0x00281052;
	static final int RESCALE_SLOPE = 0x00281053;
	static final int GRID_FRAME_OFFSETS = 0x3004000C;
	static final int PIXEL_DATA = 0x7FE00010;
	static final int ITEM = 0xFFFEE000;
	static final int ITEM_END = 0xFFFEE00D;
	static final int SEQUENCE_END = 0xFFFEE0DD;

	/** Sequences parsed into items even in implicit VR with a defined length (enhanced multi-frame geometry). */
	static boolean isKnownSequence(int tag) {
		return switch (tag) {
		case 0x52009229, 0x52009230, 0x00289110, 0x00209113, 0x00209116, 0x00089215 -> true;
		default -> false;
		};
	}

	/** Attributes stored as binary unsigned shorts (VR US). */
	static boolean isUnsignedShort(int tag) {
		return switch (tag) {
		case SAMPLES_PER_PIXEL, PLANAR_CONFIGURATION, ROWS, COLUMNS, BITS_ALLOCATED, BITS_STORED, 0x00280102,
				PIXEL_REPRESENTATION -> true;
		default -> false;
		};
	}

	static String hex(int tag) {
		return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
	}

	private Tag() {
	}
}
