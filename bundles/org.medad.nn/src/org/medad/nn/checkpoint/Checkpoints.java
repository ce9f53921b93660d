package org.medad.nn.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.medad.core.error.BadInputException;
import org.medad.core.error.MedadException;
import org.medad.core.error.ModelException;
import org.medad.core.model.Safetensors;
import org.medad.core.model.Tensor;

/** Reads any supported weight file into float32 tensors by name, judging the format by its bytes, not its name. */
public final class Checkpoints {
	private Checkpoints() {
	}

	public static Map<String, Tensor> read(Path file) throws MedadException {
		if (!Files.isRegularFile(file)) {
			throw new BadInputException(file + ": no such checkpoint file");
		}
		byte[] head = new byte[9];
		try (InputStream in = Files.newInputStream(file)) {
			int n = in.readNBytes(head, 0, head.length);
			if (n < head.length) {
				throw new ModelException(file + ": too short to be a checkpoint (" + n + " bytes)");
			}
		} catch (IOException e) {
			throw new BadInputException(file + ": cannot read: " + e.getMessage());
		}
		if (head[8] == '{') {
			// safetensors: 8-byte little-endian header length, then the JSON header
			try {
				return Safetensors.read(file);
			} catch (IOException e) {
				throw new ModelException(file + ": unreadable safetensors file: " + e.getMessage(), e);
			}
		}
		if (head[0] == 'P' && head[1] == 'K') {
			return TorchArchive.read(file);
		}
		if ((head[0] & 0xff) == 0x80) {
			throw new ModelException(file + ": a bare pickle (torch < 1.6 format or a plain pickle file); only zip"
					+ " archives written by torch >= 1.6 are read");
		}
		throw new ModelException(file + ": not a checkpoint format this version reads (safetensors, PyTorch zip"
				+ " archives .pth/.bin/.pt)");
	}

	/**
	 * Unwraps the usual training-script wrappers ({@code {"model": sd}}, {@code {"state_dict": sd}}) when every
	 * tensor sits under exactly one of them; otherwise returns the tensors as they are.
	 */
	public static Map<String, Tensor> unwrap(Map<String, Tensor> tensors) {
		for (String wrapper : new String[] { "model.", "state_dict.", "module." }) {
			if (!tensors.isEmpty() && tensors.keySet().stream().allMatch(k -> k.startsWith(wrapper))) {
				Map<String, Tensor> out = new LinkedHashMap<>();
				tensors.forEach((k, v) -> out.put(k.substring(wrapper.length()), v));
				return unwrap(out);
			}
		}
		return tensors;
	}
}
