package org.medad.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medad.core.error.BadInputException;
import org.medad.io.dataset.Datasets;
import org.medad.io.dataset.Manifest;

/**
 * What a scoring run scores, by case id: image files, folders of them (a data set's mask folders and
 * hidden folders left out), DICOM series folders (one case each) and manifests ({@code *.csv}, see
 * {@link Manifest}). Ids of files and folders are their paths relative to the deepest folder holding
 * all inputs, so ids are unique and output maps mirror the input tree; a manifest's ids are its paths as
 * written. A manifest row that cannot be scored keeps its problem, for errors.csv.
 */
final class ScoringCases {
	/** One case: the image (file or series folder), its mask if a manifest names one, what is wrong with it. */
	record Source(Path image, Path mask, String problem) {
	}

	private ScoringCases() {
	}

	static Map<String, Source> collect(List<Path> inputs) throws BadInputException {
		Map<String, Source> cases = new LinkedHashMap<>();
		List<Path> plain = new ArrayList<>();
		for (Path in : inputs) {
			if (Manifest.isManifest(in)) {
				for (Manifest.Row r : Manifest.read(in)) {
					put(cases, r.id(), new Source(r.image(), r.mask(), r.problem()), in);
				}
			} else {
				plain.add(in);
			}
		}
		if (!plain.isEmpty()) {
			files(plain).forEach((id, p) -> {
				if (cases.containsKey(id)) {
					cases.put(id, new Source(p, null, id + " is named twice among the inputs"));
				} else {
					cases.put(id, new Source(p, null, null));
				}
			});
		}
		if (cases.isEmpty()) {
			throw new BadInputException("no images found in " + inputs);
		}
		return cases;
	}

	private static void put(Map<String, Source> cases, String id, Source s, Path manifest) {
		if (cases.containsKey(id)) {
			cases.put(id + " (" + manifest.getFileName() + ")", new Source(s.image(), s.mask(),
					id + " is listed in two manifests"));
		} else {
			cases.put(id, s);
		}
	}

	/** Image files and series folders by id, relative to their deepest common folder. */
	private static Map<String, Path> files(List<Path> inputs) throws BadInputException {
		List<Path> found = new ArrayList<>();
		Path common = null;
		for (Path in : inputs) {
			Path abs = in.toAbsolutePath().normalize();
			if (Files.isRegularFile(abs)) {
				found.add(abs);
				common = commonAncestor(common, abs.getParent());
			} else if (Files.isDirectory(abs)) {
				if (isSeries(abs)) {
					found.add(abs);
					common = commonAncestor(common, abs.getParent());
					continue;
				}
				walk(abs, found);
				common = commonAncestor(common, abs);
			} else {
				throw BadInputException.of(in, "no such file or folder");
			}
		}
		Map<String, Path> cases = new LinkedHashMap<>();
		for (Path f : found) {
			cases.put(common.relativize(f).toString(), f);
		}
		return cases;
	}

	private static void walk(Path root, List<Path> found) throws BadInputException {
		List<Path> here = new ArrayList<>();
		try {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
					if (dir.equals(root)) {
						return FileVisitResult.CONTINUE;
					}
					// a data set's masks are not cases to score; hidden folders are temporaries
					if (Datasets.isMaskFolder(dir) || dir.getFileName().toString().startsWith(".")) {
						return FileVisitResult.SKIP_SUBTREE;
					}
					if (isSeries(dir)) {
						here.add(dir);
						return FileVisitResult.SKIP_SUBTREE;
					}
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
					if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(".")) {
						here.add(file);
					}
					return FileVisitResult.CONTINUE;
				}
			});
		} catch (IOException e) {
			throw BadInputException.of(root, "cannot list folder: " + e.getMessage(), e);
		}
		here.stream().sorted().forEach(found::add);
	}

	/**
	 * A DICOM series folder: two or more files, every visible one a DICOM file (the "DICM" mark after the
	 * 128-byte preamble), no subfolders. Such a folder is one volume, not a list of slices to score apart.
	 */
	static boolean isSeries(Path dir) {
		int files = 0;
		try (var s = Files.list(dir)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				if (p.getFileName().toString().startsWith(".")) {
					continue;
				}
				if (!Files.isRegularFile(p) || !isDicomFile(p)) {
					return false;
				}
				files++;
			}
		} catch (IOException e) {
			return false;
		}
		return files >= 2;
	}

	private static boolean isDicomFile(Path p) {
		try (InputStream in = Files.newInputStream(p)) {
			byte[] head = in.readNBytes(132);
			return head.length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
		} catch (IOException e) {
			return false;
		}
	}

	private static Path commonAncestor(Path a, Path b) {
		if (a == null) {
			return b;
		}
		Path p = a;
		while (!b.startsWith(p)) {
			p = p.getParent();
		}
		return p;
	}
}
