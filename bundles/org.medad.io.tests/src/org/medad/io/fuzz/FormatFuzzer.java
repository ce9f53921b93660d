package org.medad.io.fuzz;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.medad.core.error.BadInputException;
import org.medad.core.image.Volume;
import org.medad.core.model.AtomicFiles;
import org.medad.io.format.ImageFormat;
import org.medad.io.format.ImageFormats;

import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Seeded mutation testing of the image readers: each case copies one seed file (with the files it belongs with: a
 * detached header's data, a series' other slices), mutates one of them ({@link Mutations}), and reads the header
 * and every voxel through the installed formats within a time limit. A case passes when it reads, or is refused
 * with a {@link BadInputException} whose message names the file and reads as words (no "null", no Java class
 * names); anything else (another exception, an error, a hang, more than {@link #ALLOCATION_LIMIT} bytes allocated)
 * is a defect. The same seed gives the same cases.
 */
public final class FormatFuzzer {
	/** More than this allocated by one read of a mutated copy of a test file (at most a few MB) is a defect. */
	static final long ALLOCATION_LIMIT = 1L << 30;
	private static final Pattern JAVA_TEXT = Pattern.compile(
			"\\b(java|javax|sun|jdk|com\\.sun)\\.[a-z]+\\.|\\b[A-Z][A-Za-z]*(Exception|Error)\\b|(^|[:\\s])null$");
	private static final List<String> DATA_SUFFIXES = List.of(".raw", ".img", ".raw.gz", ".zraw");

	public enum Outcome {
		READ, REFUSED, DEFECT, HANG, OUT_OF_MEMORY
	}

	/** One seed: the path to read (file or series folder) and the file of its group that gets mutated. */
	public record Seed(Path folder, List<Path> group, Path entry, Path target) {
	}

	public record Result(int index, String seed, String mutation, Outcome outcome, String detail) {
		@Override
		public String toString() {
			return "case " + index + " (" + seed + ", " + mutation + "): " + outcome + ": " + detail;
		}
	}

	public record Summary(int cases, Map<Outcome, Integer> outcomes, Map<String, Integer> mutationKinds,
			List<Result> failures) {
		public String describe() {
			return cases + " cases: " + outcomes + "; mutation kinds " + mutationKinds;
		}
	}

	private final ImageFormats formats;
	private final List<Seed> seeds;
	private final Path work;
	private final long seed;
	private final long timeLimitMillis;

	public FormatFuzzer(ImageFormats formats, List<Seed> seeds, Path work, long seed, long timeLimitMillis) {
		this.formats = formats;
		this.seeds = seeds;
		this.work = work;
		this.seed = seed;
		this.timeLimitMillis = timeLimitMillis;
	}

	/**
	 * Every file of {@code testdata} (but its documentation) as a seed, series folders as one seed per slice, plus
	 * TIFF (two pages), BMP and JPEG pictures made in {@code generated} from the test PNGs (the shared data holds none).
	 */
	public static List<Seed> seeds(Path testdata, Path generated) throws IOException {
		List<Seed> out = new ArrayList<>();
		List<Path> folders;
		try (Stream<Path> s = Files.walk(testdata)) {
			folders = s.filter(Files::isDirectory).sorted().toList();
		}
		for (Path folder : folders) {
			List<Path> files;
			try (Stream<Path> s = Files.list(folder)) {
				files = s.filter(Files::isRegularFile).filter(FormatFuzzer::isImageFile).sorted().toList();
			}
			if (files.isEmpty()) {
				continue;
			}
			if (folder.getFileName().toString().startsWith("series")) {
				for (Path f : files) {
					out.add(new Seed(folder, files, folder, f));
				}
				continue;
			}
			for (Path f : files) {
				List<Path> group = files.stream().filter(g -> stem(g).equals(stem(f))).toList();
				Path entry = f;
				if (DATA_SUFFIXES.stream().anyMatch(x -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(x))) {
					entry = group.stream().filter(g -> !DATA_SUFFIXES.stream().anyMatch(
							x -> g.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(x))).findFirst().orElse(f);
				}
				out.add(new Seed(folder, group, entry, f));
			}
		}
		out.addAll(generatedPictures(testdata, generated));
		return out;
	}

	private static List<Seed> generatedPictures(Path testdata, Path generated) throws IOException {
		Files.createDirectories(generated);
		List<Seed> out = new ArrayList<>();
		Path png = testdata.resolve("png/BrainProtonDensitySlice.png");
		if (!Files.isRegularFile(png)) {
			return out;
		}
		BufferedImage grey = ImageIO.read(png.toFile());
		BufferedImage small = new BufferedImage(48, 40, BufferedImage.TYPE_BYTE_GRAY);
		small.getGraphics().drawImage(grey, 0, 0, 48, 40, null);
		BufferedImage rgb = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
		rgb.getGraphics().drawImage(grey, 0, 0, 48, 40, null);
		Path bmp = generated.resolve("slice.bmp");
		ImageIO.write(rgb, "bmp", bmp.toFile());
		Path jpg = generated.resolve("slice.jpg");
		ImageIO.write(small, "jpeg", jpg.toFile());
		Path tif = generated.resolve("pages.tif");
		var writer = ImageIO.getImageWritersByFormatName("tiff").next();
		try (var ios = ImageIO.createImageOutputStream(tif.toFile())) {
			writer.setOutput(ios);
			writer.prepareWriteSequence(null);
			writer.writeToSequence(new javax.imageio.IIOImage(small, null, null), null);
			writer.writeToSequence(new javax.imageio.IIOImage(small, null, null), null);
			writer.endWriteSequence();
		} finally {
			writer.dispose();
		}
		for (Path p : List.of(bmp, jpg, tif)) {
			out.add(new Seed(generated, List.of(p), p, p));
		}
		return out;
	}

	private static boolean isImageFile(Path p) {
		String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
		return !(n.endsWith(".md") || n.endsWith(".json") || n.endsWith(".py") || n.endsWith(".txt") || n.startsWith("."));
	}

	private static String stem(Path p) {
		String n = p.getFileName().toString();
		int dot = n.indexOf('.');
		return dot < 0 ? n : n.substring(0, dot);
	}

	public Summary run(int cases) throws IOException {
		Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
		Map<String, Integer> kinds = new TreeMap<>();
		List<Result> failures = new ArrayList<>();
		ExecutorService executor = newExecutor();
		try {
			for (int i = 0; i < cases; i++) {
				Random r = new Random(seed * 1_000_003L + i);
				Seed s = seeds.get(r.nextInt(seeds.size()));
				Path dir = work.resolve("case-" + i);
				Files.createDirectories(dir);
				for (Path g : s.group()) {
					Files.copy(g, dir.resolve(g.getFileName().toString()));
				}
				Path target = dir.resolve(s.target().getFileName().toString());
				Mutations.Mutated m = Mutations.mutate(target.getFileName().toString(), Files.readAllBytes(target), r);
				Files.write(target, m.bytes());
				Path entry = s.entry().equals(s.folder()) ? dir : dir.resolve(s.entry().getFileName().toString());
				String name = s.folder().getFileName() + "/" + s.target().getFileName();
				Result result;
				Future<String> f = executor.submit(() -> readAll(entry, target));
				try {
					result = classify(i, name, m.kind(), f.get(timeLimitMillis, TimeUnit.MILLISECONDS), entry, target);
				} catch (TimeoutException e) {
					f.cancel(true);
					executor.shutdownNow(); // the stuck thread is abandoned (daemon), the next case gets a fresh one
					executor = newExecutor();
					result = new Result(i, name, m.kind(), Outcome.HANG, "no answer within " + timeLimitMillis + " ms");
				} catch (java.util.concurrent.ExecutionException e) {
					result = classifyFailure(i, name, m.kind(), e.getCause(), entry, target);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IOException("interrupted", e);
				}
				outcomes.merge(result.outcome(), 1, Integer::sum);
				kinds.merge(kindClass(m.kind()), 1, Integer::sum);
				if (result.outcome() != Outcome.READ && result.outcome() != Outcome.REFUSED) {
					failures.add(result);
				}
				AtomicFiles.deleteTree(dir);
			}
		} finally {
			executor.shutdownNow();
		}
		return new Summary(cases, outcomes, kinds, failures);
	}

	/** The class of a mutation for the counts: bitflip, truncate, random, field, text, tiff; "gz/" + inner class. */
	static String kindClass(String kind) {
		String k = kind.startsWith("gz(") ? kind.substring(3) : kind;
		String c = k.replaceAll("(?s)^([a-z]+).*$", "$1");
		return kind.startsWith("gz(") ? "gz/" + c : c;
	}

	private static ExecutorService newExecutor() {
		return Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "fuzz-reader");
			t.setDaemon(true);
			return t;
		});
	}

	/** Header, then every voxel: returns "" when both read, else the refusal's message prefixed by "refused: ". */
	private String readAll(Path entry, Path target) throws Exception {
		long before = allocatedBytes();
		try {
			ImageFormat format = formats.formatOf(entry);
			String refused = null;
			try {
				format.parseHeader(entry);
			} catch (BadInputException e) {
				refused = e.getMessage();
			}
			try {
				Volume v = format.read(entry);
				double sum = 0;
				for (FloatType t : Views.flatIterable(v.voxels())) {
					sum += t.get();
				}
				if (sum == 0.123456789) {
					throw new AssertionError("unreachable, keeps the sum");
				}
			} catch (BadInputException e) {
				refused = e.getMessage();
			}
			checkAllocation(before, target);
			return refused == null ? "" : "refused: " + refused;
		} catch (BadInputException e) {
			checkAllocation(before, target);
			return "refused: " + e.getMessage();
		}
	}

	private static void checkAllocation(long before, Path target) throws IOException {
		long used = allocatedBytes() - before;
		if (before >= 0 && used > ALLOCATION_LIMIT) {
			throw new ExcessiveAllocation("allocated " + (used >> 20) + " MB reading a " + Files.size(target)
					+ "-byte file");
		}
	}

	static final class ExcessiveAllocation extends RuntimeException {
		private static final long serialVersionUID = 1L;

		ExcessiveAllocation(String message) {
			super(message);
		}
	}

	private Result classify(int i, String seedName, String kind, String answer, Path entry, Path target) {
		if (answer.isEmpty()) {
			return new Result(i, seedName, kind, Outcome.READ, "");
		}
		String message = answer.substring("refused: ".length());
		String problem = messageProblem(message, entry, target);
		return problem == null ? new Result(i, seedName, kind, Outcome.REFUSED, message)
				: new Result(i, seedName, kind, Outcome.DEFECT, problem + ": " + message);
	}

	private Result classifyFailure(int i, String seedName, String kind, Throwable t, Path entry, Path target) {
		if (t instanceof OutOfMemoryError || t instanceof ExcessiveAllocation) {
			return new Result(i, seedName, kind, Outcome.OUT_OF_MEMORY, t.toString());
		}
		StackTraceElement at = t.getStackTrace().length > 0 ? t.getStackTrace()[0] : null;
		StackTraceElement ours = Stream.of(t.getStackTrace()).filter(e -> e.getClassName().startsWith("org.medad"))
				.findFirst().orElse(at);
		return new Result(i, seedName, kind, Outcome.DEFECT, t + " at " + ours);
	}

	/** Why a refusal's message falls short, or null when it names the file and reads as words. */
	static String messageProblem(String message, Path entry, Path target) {
		if (message == null) {
			return "refusal without a message";
		}
		boolean names = message.contains(entry.getFileName().toString()) || message.contains(target.getFileName()
				.toString()) || namesAFileBeside(message, target);
		if (!names) {
			return "refusal does not name the file";
		}
		if (JAVA_TEXT.matcher(message).find()) {
			return "refusal shows Java internals";
		}
		return null;
	}

	/** A detached header's refusal may name its data file, which lies beside the mutated one. */
	private static boolean namesAFileBeside(String message, Path target) {
		try (Stream<Path> s = Files.list(target.getParent())) {
			return s.anyMatch(p -> message.contains(p.getFileName().toString()));
		} catch (IOException e) {
			return false;
		}
	}

	/** Bytes this thread allocated so far, or -1 where the JVM does not count them. */
	private static long allocatedBytes() {
		try {
			Class<?> bean = Class.forName("com.sun.management.ThreadMXBean", false, ClassLoader.getPlatformClassLoader());
			Object mx = ManagementFactory.getThreadMXBean();
			return bean.isInstance(mx) ? (long) bean.getMethod("getCurrentThreadAllocatedBytes").invoke(mx) : -1;
		} catch (ReflectiveOperationException | RuntimeException e) {
			return -1;
		}
	}
}
