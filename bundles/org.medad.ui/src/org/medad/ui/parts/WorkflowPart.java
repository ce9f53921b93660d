package org.medad.ui.parts;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;

/**
 * What each perspective is for and how to do it today from the command line, until its own views
 * (viewer with heat maps, training form with live loss, metrics and curves) arrive in their issues.
 */
public class WorkflowPart {

	@PostConstruct
	public void create(Composite parent, MPart part) {
		parent.setLayout(new FillLayout());
		Text text = new Text(parent, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
		text.setText(describe(part.getLabel()));
	}

	static String describe(String perspective) {
		return switch (perspective) {
		case "Review" -> """
				Review scans with anomaly heat maps.

				Score images with a trained model:
				  medad score --model MODEL --input FOLDER --out MAPS
				Each case gets a heat-map PNG over the slice and the raw map as float TIFF.""";
		case "Train" -> """
				Train a detector on your own normal data (BMAD layout: train/good, valid/{good,Ungood}).

				  medad train --detector pixelstats --data DATA --out MODEL --set sigma=1.5
				medad detectors --settings lists every setting with its range.""";
		case "Evaluate" -> """
				Evaluate a model on a labelled split: image AUROC, pixel AUROC where masks exist, F1-max.

				  medad evaluate --model MODEL --data DATA --out RESULTS
				RESULTS holds metrics.json, scores.csv and report.html.""";
		default -> perspective;
		};
	}
}
