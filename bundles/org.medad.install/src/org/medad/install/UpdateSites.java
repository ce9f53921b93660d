package org.medad.install;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Turns what a user types as an update site (a URL, a folder or a zipped site) into the URI p2 loads. */
public final class UpdateSites {
	private static final List<String> INDEX_FILES = List.of("content.jar", "content.xml", "content.xml.xz",
			"compositeContent.jar", "compositeContent.xml", "p2.index");

	private UpdateSites() {
	}

	/**
	 * {@code http:}, {@code https:}, {@code file:} and {@code jar:} URLs as given; a path (absolute, or {@code ~/...})
	 * must be a folder holding a p2 repository or a zip archive of one.
	 *
	 * @throws IllegalArgumentException naming the text and what is wrong with it
	 */
	public static URI parse(String text) {
		String s = text == null ? "" : text.strip();
		if (s.isEmpty()) {
			throw new IllegalArgumentException("no update site given: enter a URL (http:, https:, file:) or a folder");
		}
		String lower = s.toLowerCase(Locale.ROOT);
		if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("jar:")) {
			try {
				URI uri = new URI(s);
				if (uri.getHost() == null && !lower.startsWith("jar:")) {
					throw new IllegalArgumentException("update site " + s + ": the URL names no host");
				}
				return uri;
			} catch (URISyntaxException e) {
				throw new IllegalArgumentException("update site " + s + " is not a valid URL: " + e.getReason(), e);
			}
		}
		Path path;
		if (lower.startsWith("file:")) {
			try {
				path = Path.of(new URI(s));
			} catch (URISyntaxException | IllegalArgumentException e) {
				throw new IllegalArgumentException("update site " + s + " is not a valid file: URL", e);
			}
		} else if (s.startsWith("~/")) {
			path = Path.of(System.getProperty("user.home"), s.substring(2));
		} else if (s.contains("://")) {
			throw new IllegalArgumentException("update site " + s + ": only http:, https: and file: sites are supported");
		} else {
			path = Path.of(s);
			if (!path.isAbsolute()) {
				throw new IllegalArgumentException("update site " + s + ": give an absolute folder or a URL");
			}
		}
		return local(path.toAbsolutePath().normalize(), s);
	}

	private static URI local(Path path, String text) {
		if (Files.isRegularFile(path)) {
			if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
				throw new IllegalArgumentException("update site " + path + " is a file but not a zip archive of a site");
			}
			return URI.create("jar:" + path.toUri() + "!/");
		}
		if (!Files.isDirectory(path)) {
			throw new IllegalArgumentException("update site " + path + " does not exist");
		}
		if (INDEX_FILES.stream().noneMatch(f -> Files.isRegularFile(path.resolve(f)))) {
			throw new IllegalArgumentException("update site " + path + " holds no p2 repository (no content.jar, "
					+ "content.xml or compositeContent.jar): choose the folder that holds them" + (text.equals(path
							.toString()) ? "" : " (from '" + text + "')"));
		}
		return path.toUri();
	}
}
