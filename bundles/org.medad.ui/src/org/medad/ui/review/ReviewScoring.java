package org.medad.ui.review;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.medad.core.detect.DetectorCatalog;
import org.medad.run.ModelLoader;
import org.medad.run.Workflows;
import org.medad.ui.jobs.JobProgress;

/**
 * Scores the open case, or every listed case, with a model package in a Job through the same workflow as
 * {@code medad score}; the output folder goes under the workspace's {@code runs/}, named by model and time, so
 * every run is kept and can be reopened with Open results.
 */
final class ReviewScoring {
	/** What the run ends with, on the Job's thread: its output folder and how many cases failed, or the failure. */
	interface Outcome {
		void scored(Path out, int failed);

		void failed(Exception e);
	}

	private ReviewScoring() {
	}

	/** {@code <workspace>/runs}: every scoring run started from Review. */
	static Path runsFolder() {
		return org.medad.ui.Workspace.root().resolve("runs");
	}

	/** A new folder name for a run of {@code model}: two runs in the same second never share (and resume) one. */
	static Path outputFor(Path model) {
		String name = model.getFileName() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern(
				"yyyyMMdd-HHmmss"));
		Path out = runsFolder().resolve(name);
		for (int n = 2; java.nio.file.Files.exists(out); n++) {
			out = runsFolder().resolve(name + "-" + n);
		}
		return out;
	}

	static Job start(DetectorCatalog catalog, Workflows workflows, Path model, List<Path> inputs, Path out,
			Consumer<String> log, Outcome outcome) {
		Job job = Job.create("Scoring " + inputs.size() + " case(s) with " + model.getFileName(), monitor -> {
			try {
				var loaded = ModelLoader.load(catalog, model);
				try (var m = loaded.model()) {
					int failed = workflows.scoring(new JobProgress(monitor, log, null), Workflows.DEFAULT_BATCH).run(m,
							loaded.pkg(), inputs, out);
					outcome.scored(out, failed);
				}
			} catch (Exception e) {
				outcome.failed(e);
			}
			return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
		});
		job.setUser(true);
		job.schedule();
		return job;
	}
}
