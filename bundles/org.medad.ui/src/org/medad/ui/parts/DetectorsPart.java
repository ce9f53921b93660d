package org.medad.ui.parts;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.medad.core.detect.DetectorCatalog;
import org.medad.core.detect.InstalledDetector;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** Lists the installed detector services, found through DS only (the {@link DetectorCatalog}). */
public class DetectorsPart {
	static final String[] COLUMNS = { "Id", "Name", "Version", "Learns from", "Input", "Bundle" };

	@Inject
	DetectorCatalog catalog;

	private Table table;

	@PostConstruct
	public void create(Composite parent) {
		parent.setLayout(new GridLayout(1, false));
		table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
		table.setData("org.medad.ui.id", "detectors");
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		for (String c : COLUMNS) {
			new TableColumn(table, SWT.LEFT).setText(c);
		}
		Button refresh = new Button(parent, SWT.PUSH);
		refresh.setText("Refresh");
		refresh.addListener(SWT.Selection, e -> refresh());
		refresh();
	}

	/** Re-reads the catalog: detectors installed or removed since are shown. */
	public void refresh() {
		table.removeAll();
		for (InstalledDetector d : catalog.detectors()) {
			var s = d.descriptor();
			new TableItem(table, SWT.NONE).setText(new String[] { s.id(), s.name(), s.version(),
					s.learnsFrom().label(), s.input().plane() + " " + s.input().size() + " px", d.bundle() });
		}
		for (TableColumn c : table.getColumns()) {
			c.pack();
		}
	}

	@Focus
	public void focus() {
		table.setFocus();
	}
}
