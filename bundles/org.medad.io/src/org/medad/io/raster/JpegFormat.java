package org.medad.io.raster;

import java.nio.file.Path;

import org.medad.io.format.ImageFormat;
import org.osgi.service.component.annotations.Component;

/** JPEG pictures (8-bit grey or colour) through ImageIO. */
@Component(service = ImageFormat.class)
public class JpegFormat extends RasterFormat {

	@Override
	public String name() {
		return "JPEG";
	}

	@Override
	public boolean isThisFormat(Path file, byte[] head) {
		return head.length >= 3 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8 && (head[2] & 0xff) == 0xFF;
	}
}
