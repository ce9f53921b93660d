package org.medad.ui.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.core.error.BadInputException;
import org.medad.ui.Workspace;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Named sets of a detector's settings a lab keeps for its recurring runs ("brain MRI, 8 epochs", ...), one JSON
 * file each under {@code <root>/<detector>/<name>.json} holding the settings that differ from the defaults, as
 * {@code --set} takes them. Applied to a form they start from the defaults, so a preset means the same every time.
 */
public final class SettingsPresets {
	private final Path root;

	public SettingsPresets(Path root) {
		this.root = root;
	}

	/** The presets of a detector, by name. */
	public List<String> names(String detector) {
		List<String> names = new ArrayList<>();
		Path dir = root.resolve(detector);
		if (!Files.isDirectory(dir)) {
			return names;
		}
		try (var files = Files.list(dir)) {
			files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith(".")).sorted()
					.forEach(n -> names.add(n.substring(0, n.length() - ".json".length())));
		} catch (IOException e) {
			return names;
		}
		return names;
	}

	/** Saves the settings under {@code name} (replacing a preset of that name). */
	public void save(String detector, String name, Map<String, String> settings) throws IOException,
			BadInputException {
		Path file = file(detector, name);
		JsonObject json = new JsonObject();
		settings.forEach(json::addProperty);
		Workspace.writeAtomically(file, new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n");
	}

	/** The settings a preset holds, or an error naming its file and what is wrong. */
	public Map<String, String> read(String detector, String name) throws BadInputException {
		Path file = file(detector, name);
		try {
			Map<String, String> settings = new LinkedHashMap<>();
			for (Map.Entry<String, JsonElement> e : JsonParser.parseString(Files.readString(file,
					StandardCharsets.UTF_8)).getAsJsonObject().entrySet()) {
				settings.put(e.getKey(), e.getValue().getAsString());
			}
			return settings;
		} catch (IOException | RuntimeException e) {
			throw BadInputException.of(file, "is not a settings preset (a JSON object of settings): " + e.getMessage());
		}
	}

	/** Names are file names: letters, digits, spaces, '.', '_' and '-', not starting with a '.'. */
	public static String problem(String name) {
		if (name == null || name.isBlank()) {
			return "give the preset a name";
		}
		if (!name.matches("[A-Za-z0-9 _.\\-]+") || name.startsWith(".")) {
			return "use letters, digits, spaces, '.', '_' and '-' in a preset's name";
		}
		return null;
	}

	private Path file(String detector, String name) throws BadInputException {
		String why = problem(name);
		if (why != null) {
			throw BadInputException.of(root.resolve(detector), "cannot hold a preset named '" + name + "': " + why);
		}
		return root.resolve(detector).resolve(name.strip() + ".json");
	}
}
