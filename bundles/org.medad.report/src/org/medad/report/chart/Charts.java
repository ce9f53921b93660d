package org.medad.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.statistics.HistogramType;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.medad.metrics.Curve;

/**
 * The evaluation report's charts, drawn by JFreeChart and encoded as PNG: ROC, precision-recall and
 * per-region-overlap curves (one series per model, for side-by-side comparisons) and score histograms
 * per class with the decision threshold. Curves of millions of pixels are thinned to a few thousand
 * points first; the drawn shape is unchanged at report size.
 */
public final class Charts {
	/** Points per drawn curve at most. */
	static final int MAX_POINTS = 2000;
	private static final Color[] SERIES = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
			new Color(0x9467bd) };
	private static final int WIDTH = 480;
	private static final int HEIGHT = 360;

	private Charts() {
	}

	/** One model's curve under its name. */
	public record Named(String name, Curve curve) {
	}

	public static byte[] roc(String title, List<Named> curves) {
		XYSeriesCollection data = new XYSeriesCollection();
		for (Named n : curves) {
			XYSeries s = new XYSeries(n.name(), false, true);
			s.add(0, 0);
			for (int i : thinned(n.curve().size())) {
				s.add(n.curve().fpr(i), n.curve().tpr(i));
			}
			data.addSeries(s);
		}
		return unitSquare(title, "false positive rate", "true positive rate", data, true);
	}

	public static byte[] precisionRecall(String title, List<Named> curves) {
		XYSeriesCollection data = new XYSeriesCollection();
		for (Named n : curves) {
			XYSeries s = new XYSeries(n.name(), false, true);
			for (int i : thinned(n.curve().size())) {
				s.add(n.curve().tpr(i), n.curve().precision(i));
			}
			data.addSeries(s);
		}
		return unitSquare(title, "recall", "precision", data, false);
	}

	/** PRO against FPR up to {@code fprLimit}, the part AUPRO integrates. */
	public static byte[] regionOverlap(String title, List<Named> curves, double fprLimit) {
		XYSeriesCollection data = new XYSeriesCollection();
		for (Named n : curves) {
			XYSeries s = new XYSeries(n.name(), false, true);
			s.add(0, 0);
			for (int i : thinned(n.curve().size())) {
				if (n.curve().fpr(i) > fprLimit) {
					break;
				}
				s.add(n.curve().fpr(i), n.curve().regionOverlap(i));
			}
			data.addSeries(s);
		}
		JFreeChart chart = ChartFactory.createXYLineChart(title, "false positive rate", "per-region overlap", data,
				PlotOrientation.VERTICAL, true, false, false);
		XYPlot plot = style(chart);
		plot.getDomainAxis().setRange(0, fprLimit);
		plot.getRangeAxis().setRange(0, 1.0001);
		return png(chart);
	}

	/** Score histograms of the normal and anomalous cases on one axis, with the threshold as a line when given. */
	public static byte[] histogram(String title, double[] normal, double[] anomalous, Double threshold) {
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (double[] a : new double[][] { normal, anomalous }) {
			for (double v : a) {
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
		}
		if (threshold != null) {
			min = Math.min(min, threshold);
			max = Math.max(max, threshold);
		}
		if (!(max > min)) { // one value (or none): give the bars some width
			min = Double.isFinite(min) ? min - 0.5 : 0;
			max = min + 1;
		}
		HistogramDataset data = new HistogramDataset();
		data.setType(HistogramType.FREQUENCY);
		int bins = Math.max(10, Math.min(40, (int) Math.sqrt(normal.length + anomalous.length) * 2));
		if (normal.length > 0) {
			data.addSeries("normal (" + normal.length + ")", normal, bins, min, max);
		}
		if (anomalous.length > 0) {
			data.addSeries("anomalous (" + anomalous.length + ")", anomalous, bins, min, max);
		}
		JFreeChart chart = ChartFactory.createHistogram(title, "score", "cases", data, PlotOrientation.VERTICAL, true,
				false, false);
		XYPlot plot = style(chart);
		XYBarRenderer bars = (XYBarRenderer) plot.getRenderer();
		bars.setBarPainter(new StandardXYBarPainter());
		bars.setShadowVisible(false);
		bars.setDrawBarOutline(false);
		bars.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4, 150));
		bars.setSeriesPaint(1, new Color(0xd6, 0x27, 0x28, 150));
		((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
		if (threshold != null) {
			ValueMarker m = new ValueMarker(threshold, Color.BLACK, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
					BasicStroke.JOIN_MITER, 10, new float[] { 6, 4 }, 0));
			m.setLabel("threshold");
			m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
			plot.addDomainMarker(m);
		}
		return png(chart);
	}

	private static byte[] unitSquare(String title, String x, String y, XYSeriesCollection data, boolean diagonal) {
		if (diagonal) {
			XYSeries chance = new XYSeries("chance", false, true);
			chance.add(0, 0);
			chance.add(1, 1);
			data.addSeries(chance);
		}
		JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, true, false,
				false);
		XYPlot plot = style(chart);
		plot.getDomainAxis().setRange(0, 1.0001);
		plot.getRangeAxis().setRange(0, 1.0001);
		if (diagonal) {
			int last = data.getSeriesCount() - 1;
			plot.getRenderer().setSeriesPaint(last, Color.GRAY);
			plot.getRenderer().setSeriesStroke(last, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
					10, new float[] { 4, 4 }, 0));
		}
		return png(chart);
	}

	private static XYPlot style(JFreeChart chart) {
		chart.setBackgroundPaint(Color.WHITE);
		chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
		XYPlot plot = chart.getXYPlot();
		plot.setBackgroundPaint(Color.WHITE);
		plot.setDomainGridlinePaint(new Color(0xdddddd));
		plot.setRangeGridlinePaint(new Color(0xdddddd));
		if (plot.getRenderer() instanceof XYLineAndShapeRenderer lines) {
			lines.setDefaultShapesVisible(false);
			for (int i = 0; i < SERIES.length; i++) {
				lines.setSeriesPaint(i, SERIES[i]);
				lines.setSeriesStroke(i, new BasicStroke(2f));
			}
		}
		return plot;
	}

	private static byte[] png(JFreeChart chart) {
		try {
			return ChartUtils.encodeAsPNG(chart.createBufferedImage(WIDTH, HEIGHT));
		} catch (IOException e) {
			throw new UncheckedIOException("encoding a chart as PNG", e);
		}
	}

	/** Indices 0..n-1 thinned to at most {@link #MAX_POINTS}, always keeping the last. */
	static int[] thinned(int n) {
		if (n <= MAX_POINTS) {
			return java.util.stream.IntStream.range(0, n).toArray();
		}
		int[] idx = new int[MAX_POINTS];
		for (int k = 0; k < MAX_POINTS; k++) {
			idx[k] = (int) ((long) k * (n - 1) / (MAX_POINTS - 1));
		}
		return idx;
	}
}
