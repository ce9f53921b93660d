package org.medad.io.raster;

import java.nio.file.Path;

import org.medad.io.format.ImageFormat;
import org.osgi.service.component.annotations.Component;

/** Windows bitmaps (BMP) through ImageIO. */
@Component(service = ImageFormat.class)
public class BmpFormat extends RasterFormat {

	@Override
	public String name() {
		return "BMP";
	}

	@Override
	public boolean isThisFormat(Path file, byte[] head) {
		return head.length >= 2 && head[0] == 'B' && head[1] == 'M';
	}
}
