package org.medad.compute;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.medad.core.error.ModelException;

/**
 * Finds the PyTorch natives before DJL looks for them, so DJL never extracts or downloads anything: the
 * {@code PYTORCH_LIBRARY_PATH} variable or property if set (how a GPU user supplies a CUDA libtorch), else the
 * property {@code medad.pytorch.natives} (tests), else {@code <install area>/natives/pytorch} (the product).
 */
public final class NativeLibraries {

	public static final String LIBRARY_PATH = "PYTORCH_LIBRARY_PATH";
	public static final String NATIVES_PROPERTY = "medad.pytorch.natives";
	private static final List<String> REQUIRED = List.of("libc10.so", "libtorch_cpu.so", "libdjl_torch.so");

	private NativeLibraries() {
	}

	/** The folder to use, checked; {@code installArea} may be null outside a product. */
	public static Path locate(Path installArea) throws ModelException {
		String explicit = System.getenv(LIBRARY_PATH);
		String source = "environment variable " + LIBRARY_PATH;
		if (explicit == null || explicit.isBlank()) {
			explicit = System.getProperty(LIBRARY_PATH);
			source = "system property " + LIBRARY_PATH;
		}
		if (explicit == null || explicit.isBlank()) {
			explicit = System.getProperty(NATIVES_PROPERTY);
			source = "system property " + NATIVES_PROPERTY;
		}
		Path folder;
		if (explicit != null && !explicit.isBlank()) {
			folder = Path.of(explicit);
		} else if (installArea != null) {
			folder = installArea.resolve("natives").resolve("pytorch");
			source = "the product's natives folder";
		} else {
			throw new ModelException("no PyTorch natives: set " + LIBRARY_PATH + " to a folder with libtorch and"
					+ " libdjl_torch.so (or run from the product, which ships them in natives/pytorch)");
		}
		folder = folder.toAbsolutePath().normalize();
		for (String lib : REQUIRED) {
			if (!Files.isRegularFile(folder.resolve(lib))) {
				throw new ModelException("PyTorch natives incomplete: " + folder.resolve(lib) + " is missing (folder from "
						+ source + ")");
			}
		}
		return folder;
	}

	/** True when the folder holds CUDA builds of libtorch (libtorch_cuda.so beside libtorch_cpu.so). */
	public static boolean isCuda(Path folder) {
		return Files.isRegularFile(folder.resolve("libtorch_cuda.so"));
	}
}
