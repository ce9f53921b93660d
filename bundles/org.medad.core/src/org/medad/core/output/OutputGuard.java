package org.medad.core.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.medad.core.error.BadInputException;
import org.medad.core.model.AtomicFiles;

/**
 * What a command may write over: nothing of the user's. An output path is accepted when it does not exist, is an
 * empty folder, or holds this program's own earlier output of the same kind; it is never an input, inside one, or
 * around one. Every refusal is a {@link BadInputException} (exit 3) naming the path. The checks run before any work,
 * so that nothing is lost and no time is wasted on a run whose result could not be written.
 */
public final class OutputGuard {
	private OutputGuard() {
	}

	/**
	 * Refuses {@code out} when it is one of {@code inputs}, lies inside one, or holds one: writing there could replace
	 * or mix with the data being read.
	 */
	public static void apartFrom(Path out, String option, Collection<Path> inputs) throws BadInputException {
		Path o = canonical(out);
		for (Path in : inputs) {
			Path i = canonical(in);
			if (o.equals(i)) {
				throw BadInputException.of(out, option + " is the input itself; choose another output path");
			}
			if (o.startsWith(i)) {
				throw BadInputException.of(out, option + " lies inside the input " + in
						+ "; outputs inside the data would be read back as data; choose a path outside it");
			}
			if (i.startsWith(o)) {
				throw BadInputException.of(out, option + " holds the input " + in + "; choose another output path");
			}
		}
	}

	/**
	 * Accepts {@code out} when it is absent, an empty folder, or {@code own} recognises it as this program's output
	 * of {@code kind}; otherwise refuses it, naming what is there. Leftovers of killed runs are cleaned up first.
	 */
	public static void freshOrOwn(Path out, String option, String kind, Predicate<Path> own) throws BadInputException {
		try {
			AtomicFiles.recover(out);
		} catch (IOException e) {
			throw BadInputException.of(out, "cannot tidy up after an earlier run: " + e.getMessage(), e);
		}
		if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		if (Files.isSymbolicLink(out)) {
			throw BadInputException.of(out, option + " is a symbolic link; give the real path of a new " + kind);
		}
		if (Files.isDirectory(out) && (isEmpty(out) || own.test(out))) {
			return;
		}
		if (Files.isRegularFile(out) && own.test(out)) {
			return;
		}
		throw BadInputException.of(out, option + " exists and is not " + article(kind) + " " + kind + " (it is "
				+ describe(out) + "); refusing to replace it: choose a new path, or remove it yourself");
	}

	/**
	 * For outputs that replace a whole earlier result of the same kind (a model package): absent is fine, the same
	 * kind only with {@code overwrite}, anything else never.
	 */
	public static void replaceable(Path out, String option, String kind, Predicate<Path> own, boolean overwrite)
			throws BadInputException {
		freshOrOwn(out, option, kind, own);
		if (Files.exists(out) && !(Files.isDirectory(out) && isEmpty(out)) && !overwrite) {
			throw BadInputException.of(out, "a " + kind + " is already there; add --overwrite to replace it, or"
					+ " choose another " + option);
		}
	}

	/** The path with links resolved as far as it exists, so that two names of one folder compare equal. */
	static Path canonical(Path p) {
		Path abs = p.toAbsolutePath().normalize();
		Path existing = abs;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			return abs;
		}
		try {
			return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
		} catch (IOException e) {
			return abs;
		}
	}

	private static boolean isEmpty(Path folder) {
		try (Stream<Path> s = Files.list(folder)) {
			return s.findAny().isEmpty();
		} catch (IOException e) {
			return false;
		}
	}

	private static String describe(Path p) {
		if (Files.isRegularFile(p)) {
			try {
				return "a file of " + Files.size(p) + " bytes";
			} catch (IOException e) {
				return "a file";
			}
		}
		if (Files.isDirectory(p)) {
			try (Stream<Path> s = Files.list(p)) {
				return "a folder holding " + s.count() + " entries";
			} catch (IOException e) {
				return "a folder";
			}
		}
		return "neither a file nor a folder";
	}

	private static String article(String kind) {
		return "aeiou".indexOf(Character.toLowerCase(kind.charAt(0))) >= 0 ? "an" : "a";
	}
}
