package org.medad.io.write;

import java.io.IOException;
import java.nio.file.Path;

import org.medad.core.error.BadInputException;
import org.medad.io.dicom.DicomMapSeries;

/** Anomaly maps as DICOM series over the DICOM series they were computed from (see {@link DicomMapSeries}). */
public final class DicomMaps {
	private DicomMaps() {
	}

	/**
	 * Writes {@code map}, on the grid the series reader gives {@code seriesFolder}, as a Secondary Capture series in
	 * {@code folder} referencing the source series; returns its SeriesInstanceUID.
	 */
	public static String writeSeries(Path seriesFolder, float[] map, Path folder, String description)
			throws BadInputException, IOException {
		return DicomMapSeries.write(seriesFolder, map, folder, description);
	}
}
