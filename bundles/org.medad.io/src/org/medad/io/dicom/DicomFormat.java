package org.medad.io.dicom;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Images;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormat;
import org.medad.io.format.ImageHeader;
import org.medad.io.raw.PatientSpace;
import org.osgi.service.component.annotations.Component;

/**
 * Single DICOM files: Part-10 or bare data sets, single- and multi-frame, monochrome and colour, read to
 * real-world values on their patient geometry (dims [columns, rows, frames]). Folders of files are the
 * {@link DicomSeriesFormat}'s.
 */
@Component(service = ImageFormat.class)
public class DicomFormat implements ImageFormat {

	@Override
	public String name() {
		return "DICOM";
	}

	@Override
	public boolean isThisFormat(Path file, byte[] head) {
		if (head.length == 0) {
			return false; // this reader does not write DICOM
		}
		String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return DicomFile.looksLikeDicom(head) || n.endsWith(".dcm") || n.endsWith(".dicom");
	}

	@Override
	public ImageHeader parseHeader(Path file) throws BadInputException {
		return header(DicomFile.read(file));
	}

	static ImageHeader header(DicomFile f) throws BadInputException {
		PixelFormat p = PixelFormat.of(f);
		DicomGeometry g = DicomGeometry.of(f.data, p.frames());
		var geometry = g.geometry(g.spacing()[2]);
		return new ImageHeader("DICOM", new long[] { p.columns(), p.rows(), p.frames() }, p.channels(),
				p.datatypeLabel(f.file), g.spacing().clone(), g.oriented() ? PatientSpace.affine(geometry) : null, geometry,
				details(f, p));
	}

	static Map<String, Object> details(DicomFile f, PixelFormat p) {
		Map<String, Object> d = new LinkedHashMap<>();
		d.put("transfer_syntax", f.syntaxUid);
		d.put("transfer_syntax_name", f.syntax.label);
		d.put("modality", f.data.string(Tag.MODALITY));
		d.put("photometric", p.photometric());
		d.put("bits_stored", p.bitsStored());
		d.put("rescale", p.slope() == 1 && p.intercept() == 0 ? null : Map.of("slope", p.slope(), "intercept",
				p.intercept()));
		d.put("window_center", f.data.number(Tag.WINDOW_CENTER));
		d.put("window_width", f.data.number(Tag.WINDOW_WIDTH));
		d.put("series_instance_uid", f.data.string(Tag.SERIES_INSTANCE_UID));
		return d;
	}

	@Override
	public Volume read(Path file) throws BadInputException {
		DicomFile f = DicomFile.read(file);
		ImageHeader h = header(f);
		PixelFormat p = PixelFormat.of(f);
		float[] v = PixelDecoder.decode(f, p);
		long[] dims = p.channels() > 1 ? new long[] { p.columns(), p.rows(), p.frames(), p.channels() }
				: new long[] { p.columns(), p.rows(), p.frames() };
		Map<String, String> meta = new LinkedHashMap<>();
		h.details().forEach((k, val) -> {
			if (val != null) {
				meta.put(k, String.valueOf(val));
			}
		});
		String modality = f.data.string(Tag.MODALITY);
		return new Volume(file.toString(), Images.wrap(v, dims), h.geometry(), p.channels(),
				modality == null ? "OT" : modality, meta);
	}
}
