package org.medad.io.internal;

import org.medad.io.dicom.DicomFormat;
import org.medad.io.dicom.DicomSeriesFormat;
import org.medad.io.format.ImageFormats;
import org.medad.io.meta.MetaImageFormat;
import org.medad.io.nifti.NiftiFormat;
import org.medad.io.nrrd.NrrdFormat;
import org.medad.io.png.PngFormat;
import org.medad.io.raster.BmpFormat;
import org.medad.io.raster.JpegFormat;
import org.medad.io.raster.TiffFormat;

/** Every format of the bundle without an OSGi framework, as the fuzz bench runs them on a plain class path. */
public final class AllFormats {
	private AllFormats() {
	}

	public static ImageFormats create() {
		ServiceImageFormats all = new ServiceImageFormats();
		all.addFormat(new NiftiFormat());
		all.addFormat(new NrrdFormat());
		all.addFormat(new MetaImageFormat());
		all.addFormat(new DicomFormat());
		all.addFormat(new DicomSeriesFormat());
		all.addFormat(new PngFormat());
		all.addFormat(new TiffFormat());
		all.addFormat(new BmpFormat());
		all.addFormat(new JpegFormat());
		return all;
	}
}
