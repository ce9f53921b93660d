import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.medad.core.detect.InstalledDetector;
import org.medad.core.detect.PackageCheck;
import org.medad.core.detect.TrainedModel;
import org.medad.core.model.ModelPackage;
import org.medad.core.progress.ProgressMonitor;
import org.medad.detector.pixelstats.PixelStatsDetector;
import org.medad.io.format.ImageFormats;
import org.medad.io.format.StandardFormats;
import org.medad.phantom.PhantomDataset;
import org.medad.run.Evaluation;
import org.medad.run.ScoringRun;
import org.medad.run.TrainingRun;

/**
 * The workflows on a plain class path, without an OSGi framework or any service: what a worker of a distributed
 * engine does. Phantom, train, check and open the package, score in batches, evaluate; exits 1 on any mismatch.
 */
public final class PlainRun {
	public static void main(String[] args) throws Exception {
		if (PlainRun.class.getClassLoader().getResource("org/osgi/framework/Bundle.class") != null) {
			fail("OSGi classes are on the class path: this check must run without them");
		}
		Path work = args.length > 0 ? Files.createDirectories(Path.of(args[0]))
				: Files.createTempDirectory("medad-plain");
		ImageFormats formats = StandardFormats.create();
		PhantomDataset spec = new PhantomDataset(64, 12, 3, 3, 2, 5);
		Path data = work.resolve("data");
		spec.write(data, ProgressMonitor.NULL);
		var detector = new InstalledDetector(new PixelStatsDetector(), "org.medad.detector.pixelstats", "plain");
		ModelPackage pkg = new TrainingRun(formats, ProgressMonitor.NULL).run(detector, data, work.resolve("model"),
				Map.of("size", "32"), 5);
		ModelPackage read = ModelPackage.read(pkg.folder());
		try (TrainedModel model = PackageCheck.open(detector.detector(), read)) {
			int failed = new ScoringRun(formats, ProgressMonitor.NULL, 4).run(model, read, List.of(data.resolve("test")),
					work.resolve("scores"));
			List<String> rows = Files.readAllLines(work.resolve("scores/scores.csv"));
			if (failed != 0 || rows.size() != 1 + 2 * spec.testPerClass()) {
				fail(failed + " failures, " + rows.size() + " rows in scores.csv");
			}
			Map<String, Object> metrics = new Evaluation(formats, ProgressMonitor.NULL).run(model, read, data,
					new Evaluation.Options("test", null, false), work.resolve("evaluation"));
			Object auroc = metrics.get("image_auroc");
			if (!(auroc instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
				fail("image AUROC " + auroc + " in " + metrics.keySet());
			}
			System.out.println("plain class path: trained, scored " + (rows.size() - 1) + " cases, image AUROC "
					+ auroc);
		}
	}

	private static void fail(String why) {
		System.err.println("plain-run: " + why);
		System.exit(1);
	}
}
