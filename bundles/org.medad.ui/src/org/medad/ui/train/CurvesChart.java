package org.medad.ui.train;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.LineStyle;
import org.medad.core.progress.Curves;

/**
 * The live chart of a training run (SWTChart): the loss of every step, the epoch means over it, the loss terms a
 * detector reports, and the learning rate on its own axis at the right. Polls {@link TrainingCurves} from a UI timer
 * and redraws only when points arrived, so a fast run cannot flood the UI thread.
 */
public final class CurvesChart {
	/** Points per curve handed to the chart: enough for a 1000-pixel-wide plot. */
	static final int POINTS = 1500;

	private final Chart chart;
	private final TrainingCurves curves;
	private final int rateAxis;
	private final Map<String, Color> colours = new LinkedHashMap<>();
	private long drawn = -1;

	public CurvesChart(Composite parent, TrainingCurves curves) {
		this.curves = curves;
		chart = new Chart(parent, SWT.NONE);
		chart.setData("org.medad.ui.id", "training-chart");
		chart.getTitle().setText("Training");
		chart.getAxisSet().getXAxis(0).getTitle().setText("optimiser step");
		chart.getAxisSet().getYAxis(0).getTitle().setText("loss");
		rateAxis = chart.getAxisSet().createYAxis();
		IAxis rate = chart.getAxisSet().getYAxis(rateAxis);
		rate.setPosition(IAxis.Position.Secondary);
		rate.getTitle().setText("learning rate");
		chart.addDisposeListener(e -> colours.values().forEach(Color::dispose));
		Display display = parent.getDisplay();
		display.timerExec(300, new Runnable() {
			@Override
			public void run() {
				if (!chart.isDisposed()) {
					update();
					display.timerExec(300, this);
				}
			}
		});
	}

	public Chart control() {
		return chart;
	}

	/** Redraws from the curves when points arrived since the last draw (UI thread). */
	public void update() {
		long version = curves.version();
		if (version == drawn) {
			return;
		}
		drawn = version;
		var set = chart.getSeriesSet();
		for (ISeries<?> s : set.getSeries()) {
			if (!curves.names().contains(s.getId())) {
				set.deleteSeries(s.getId());
			}
		}
		for (TrainingCurves.Series s : curves.snapshot(POINTS)) {
			ILineSeries<?> line = (ILineSeries<?>) set.getSeries(s.name());
			if (line == null) {
				line = (ILineSeries<?>) set.createSeries(ISeries.SeriesType.LINE, s.name());
				line.setSymbolType(ILineSeries.PlotSymbolType.NONE);
				line.setLineColor(colour(s.name()));
				boolean epochs = s.name().equals(Curves.EPOCH_LOSS);
				line.setLineWidth(epochs ? 2 : 1);
				if (epochs) {
					line.setSymbolType(ILineSeries.PlotSymbolType.CIRCLE);
					line.setSymbolColor(colour(s.name()));
					line.setSymbolSize(3);
				}
				if (s.name().equals(Curves.LEARNING_RATE)) {
					line.setYAxisId(rateAxis);
					line.setLineStyle(LineStyle.DASH);
				}
			}
			line.setXSeries(s.steps());
			line.setYSeries(s.values());
		}
		chart.getAxisSet().adjustRange();
		chart.redraw();
	}

	/** Points each series of the chart holds now (the self-test checks the chart received them). */
	public Map<String, Integer> plotted() {
		Map<String, Integer> n = new LinkedHashMap<>();
		for (ISeries<?> s : chart.getSeriesSet().getSeries()) {
			n.put(s.getId(), s.getYSeries() == null ? 0 : s.getYSeries().length);
		}
		return n;
	}

	private Color colour(String name) {
		return colours.computeIfAbsent(name, k -> {
			int[] c = org.medad.ui.view.Palette.rgb(colours.size());
			return new Color(c[0], c[1], c[2]);
		});
	}
}
