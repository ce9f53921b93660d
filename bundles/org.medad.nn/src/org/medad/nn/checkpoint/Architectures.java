package org.medad.nn.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.medad.core.error.BadInputException;
import org.medad.core.error.UsageException;
import org.medad.nn.vit.VitConfig;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/** Named ViT configurations, or any other size given as a JSON file of {@link VitConfig}'s fields. */
public final class Architectures {
	private static final Map<String, Supplier<VitConfig>> NAMED = new LinkedHashMap<>();
	static {
		NAMED.put("dinov2-l14-reg4", VitConfig::dinov2LargeReg4);
		NAMED.put("dinov2-b14-reg4", VitConfig::dinov2BaseReg4);
		NAMED.put("dino-b8", VitConfig::dinoBase8);
		NAMED.put("mae-l16", VitConfig::maeLarge16);
		NAMED.put("vit-s16", VitConfig::vitSmall16);
		NAMED.put("clip-l14-336", VitConfig::clipLarge14At240);
	}

	private Architectures() {
	}

	public static Iterable<String> names() {
		return NAMED.keySet();
	}

	public static VitConfig vit(String nameOrJson) throws UsageException, BadInputException {
		Supplier<VitConfig> named = NAMED.get(nameOrJson);
		if (named != null) {
			return named.get();
		}
		if (nameOrJson.endsWith(".json")) {
			return json(Path.of(nameOrJson), VitConfig.class);
		}
		throw new UsageException("unknown architecture '" + nameOrJson + "': one of " + String.join(", ", NAMED.keySet())
				+ ", or a .json file with the fields of a ViT configuration");
	}

	public static <T> T json(Path file, Class<T> type) throws BadInputException {
		try {
			T value = new Gson().fromJson(Files.readString(file), type);
			if (value == null) {
				throw BadInputException.of(file, "empty architecture file");
			}
			return value;
		} catch (IOException e) {
			throw BadInputException.of(file, "cannot read: " + e.getMessage());
		} catch (JsonParseException | IllegalArgumentException e) {
			throw BadInputException.of(file, "not a valid architecture: " + e.getMessage());
		}
	}

	/**
	 * A configuration from JSON text (as a package's settings record it).
	 *
	 * @throws IllegalArgumentException when the text is not a valid configuration of {@code type}
	 */
	public static <T> T fromJson(String json, Class<T> type) {
		try {
			T value = new Gson().fromJson(json, type);
			if (value == null) {
				throw new IllegalArgumentException("empty");
			}
			return value;
		} catch (JsonParseException e) {
			throw new IllegalArgumentException(e.getMessage(), e);
		}
	}

	public static String toJson(Object config) {
		return new Gson().toJson(config);
	}
}
