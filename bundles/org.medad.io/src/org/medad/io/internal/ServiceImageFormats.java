package org.medad.io.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Volume;
import org.medad.io.format.ImageFormat;
import org.medad.io.format.ImageFormats;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Collects the {@link ImageFormat} services; picks a reader by content, a writer by suffix. */
@Component(service = ImageFormats.class)
public class ServiceImageFormats implements ImageFormats {

	private final List<ImageFormat> formats = new CopyOnWriteArrayList<>();

	/** Every format of this bundle, wired by hand: for code that runs without an OSGi framework. */
	public static ServiceImageFormats standard() {
		ServiceImageFormats all = new ServiceImageFormats();
		all.addFormat(new org.medad.io.nifti.NiftiFormat());
		all.addFormat(new org.medad.io.nrrd.NrrdFormat());
		all.addFormat(new org.medad.io.meta.MetaImageFormat());
		all.addFormat(new org.medad.io.dicom.DicomFormat());
		all.addFormat(new org.medad.io.dicom.DicomSeriesFormat());
		all.addFormat(new org.medad.io.png.PngFormat());
		all.addFormat(new org.medad.io.raster.TiffFormat());
		all.addFormat(new org.medad.io.raster.BmpFormat());
		all.addFormat(new org.medad.io.raster.JpegFormat());
		return all;
	}

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
	void addFormat(ImageFormat format) {
		formats.add(format);
	}

	void removeFormat(ImageFormat format) {
		formats.remove(format);
	}

	@Override
	public List<ImageFormat> formats() {
		return formats.stream().sorted(Comparator.comparing(ImageFormat::name)).toList();
	}

	@Override
	public ImageFormat formatOf(Path file) throws BadInputException {
		if (Files.isDirectory(file)) {
			for (ImageFormat f : formats()) {
				if (f.readsFolders() && f.isThisFormat(file, new byte[0])) {
					return f;
				}
			}
			throw BadInputException.of(file, "is a folder but not one of images any installed format reads as a whole"
					+ " (e.g. a DICOM series)");
		}
		byte[] head = head(file);
		for (ImageFormat f : formats()) {
			if (f.isThisFormat(file, head)) {
				return f;
			}
		}
		throw BadInputException.of(file, "not an image in any installed format ("
				+ formats().stream().map(ImageFormat::name).toList() + ")");
	}

	@Override
	public void write(Volume image, Path file) throws IOException, BadInputException {
		for (ImageFormat f : formats()) {
			if (f.canWrite() && !f.readsFolders() && f.isThisFormat(file, new byte[0])) {
				f.write(image, file);
				return;
			}
		}
		throw BadInputException.of(file, "no installed format writes files of this name");
	}

	static byte[] head(Path file) throws BadInputException {
		try (InputStream in = Files.newInputStream(file)) {
			return in.readNBytes(512);
		} catch (NoSuchFileException e) {
			throw BadInputException.of(file, "no such file");
		} catch (IOException e) {
			throw BadInputException.of(file, "cannot be read: " + e.getMessage(), e);
		}
	}
}
