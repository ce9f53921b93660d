package org.medad.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.medad.core.error.BadInputException;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A {@code medad score} output folder read back for review: each scored case in scores.csv's order with its score,
 * its predicted label, its input (the run's inputs, listed again as the run listed them), its ground-truth mask when
 * a manifest named one, and its map file.
 */
public final class ScoreResults {
	/** One scored case; {@code image}, {@code mask} and {@code map} may be null (moved, not named, not written). */
	public record Case(String id, double score, boolean anomalous, Path image, Path mask, Path map) {
		/**
		 * The true label where the input's place says it (a BMAD split's {@code good/} or {@code Ungood/} folder,
		 * the image directly in it or in its {@code img/}): true for anomalous; null where it is not known.
		 */
		public Boolean truth() {
			Path p = image == null ? null : image.getParent();
			for (int up = 0; up < 2 && p != null && p.getFileName() != null; up++, p = p.getParent()) {
				String name = p.getFileName().toString();
				if (name.equals("good") || name.equals("Ungood")) {
					return name.equals("Ungood");
				}
			}
			return null;
		}
	}

	private ScoreResults() {
	}

	/** The cases of {@code out}, or an error naming the folder and what is missing. */
	public static List<Case> read(Path out) throws BadInputException {
		Path csv = out.resolve("scores.csv");
		if (!Files.isRegularFile(csv)) {
			throw BadInputException.of(out, "is not a score output folder (no scores.csv)");
		}
		Map<String, ScoringCases.Source> sources = Map.of();
		try {
			JsonObject run = JsonParser.parseString(Files.readString(out.resolve("run.json"), StandardCharsets.UTF_8))
					.getAsJsonObject();
			if (run.has("inputs")) {
				List<Path> inputs = new ArrayList<>();
				for (JsonElement e : run.getAsJsonArray("inputs")) {
					inputs.add(Path.of(e.getAsString()));
				}
				sources = ScoringCases.collect(inputs);
			}
		} catch (IOException | RuntimeException | BadInputException e) {
			// an older run.json, or inputs moved since: the scores still show, without their images
		}
		List<Case> cases = new ArrayList<>();
		try {
			List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
			for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
				List<String> f = Csv.parse(line);
				if (f.size() < 3) {
					continue; // a torn last line
				}
				String id = f.get(0);
				ScoringCases.Source s = sources.get(id);
				cases.add(new Case(id, Double.parseDouble(f.get(1)), "1".equals(f.get(2)), s == null ? null : s.image(),
						s == null ? null : s.mask(), map(out, id)));
			}
		} catch (IOException | NumberFormatException e) {
			throw BadInputException.of(csv, "cannot be read as scores: " + e.getMessage());
		}
		return cases;
	}

	private static Path map(Path out, String id) {
		Path base = MapWriter.base(out, id);
		for (String suffix : List.of(".nii.gz", ".tiff")) {
			Path p = base.resolveSibling(base.getFileName() + suffix);
			if (Files.isRegularFile(p)) {
				return p;
			}
		}
		return null;
	}
}
