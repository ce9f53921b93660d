package org.medad.report;

import java.util.List;
import java.util.Map;

import org.medad.metrics.Curve;

/**
 * What the report shows of one model evaluated on one data set.
 *
 * @param name      the column heading (the model's name)
 * @param metrics   metrics.json's fields, in order
 * @param image     the image-level curve
 * @param pixels    the pixel-level curve, or null without masks
 * @param normal    the normal cases' image scores
 * @param anomalous the anomalous cases' image scores
 * @param threshold the model's image threshold, or null
 * @param gallery   the cases worth looking at, with their views
 * @param metadata  how the run was made (detector, model hash, settings, seed, device, versions, timings)
 * @param errors    cases that could not be evaluated: id and reason
 */
public record ReportRun(String name, Map<String, Object> metrics, Curve image, Curve pixels, double[] normal,
		double[] anomalous, Double threshold, CaseGallery gallery, Map<String, Object> metadata,
		List<Map.Entry<String, String>> errors) {
}
