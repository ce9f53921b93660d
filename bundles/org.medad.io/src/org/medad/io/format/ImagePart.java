package org.medad.io.format;

import java.util.Map;

/**
 * One of several images a path holds (a series of a DICOM folder), as {@link ImageFormat#parts} lists it for a user
 * to choose: {@code id} is what {@link ImageFormat#read(java.nio.file.Path, String)} takes, {@code details} what
 * identifies it to a person ({@link #PATIENT}, {@link #STUDY}, {@link #DESCRIPTION}, {@link #MODALITY},
 * {@link #SLICES}; absent where the file does not say).
 */
public record ImagePart(String id, Map<String, String> details) {
	public static final String PATIENT = "patient";
	public static final String STUDY = "study";
	public static final String DESCRIPTION = "description";
	public static final String MODALITY = "modality";
	public static final String SLICES = "slices";

	public ImagePart {
		details = Map.copyOf(details);
	}

	public String detail(String key) {
		return details.getOrDefault(key, "");
	}
}
