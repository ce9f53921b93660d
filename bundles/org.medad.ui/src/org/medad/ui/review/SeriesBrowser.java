package org.medad.ui.review;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.medad.io.format.ImagePart;

/**
 * The series of a DICOM folder that holds several, one row each (patient, study, series description, modality,
 * slices), to choose the one to open; a double-click or Open opens it. It does not block: the choice is handed to
 * {@code chosen}, so the workbench keeps painting (and the self-test can press the button).
 */
public final class SeriesBrowser extends Dialog {
	private static final String[] COLUMNS = { "Patient", "Study", "Series", "Modality", "Slices" };
	private static final String[] KEYS = { ImagePart.PATIENT, ImagePart.STUDY, ImagePart.DESCRIPTION,
			ImagePart.MODALITY, ImagePart.SLICES };
	private final Path folder;
	private final List<ImagePart> parts;
	private final Consumer<ImagePart> chosen;
	private Table table;

	SeriesBrowser(Shell parent, Path folder, List<ImagePart> parts, Consumer<ImagePart> chosen) {
		super(parent);
		this.folder = folder;
		this.parts = parts;
		this.chosen = chosen;
		setBlockOnOpen(false);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("Choose a series: " + folder.getFileName());
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		new Label(area, SWT.WRAP).setText(folder + " holds " + parts.size() + " series; choose the one to review.");
		table = new Table(area, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
		table.setData("org.medad.ui.id", "series");
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
		data.heightHint = 160;
		data.widthHint = 640;
		table.setLayoutData(data);
		for (String c : COLUMNS) {
			new TableColumn(table, SWT.LEFT).setText(c);
		}
		for (ImagePart p : parts) {
			String[] row = new String[KEYS.length];
			for (int i = 0; i < KEYS.length; i++) {
				row[i] = p.detail(KEYS[i]);
			}
			TableItem item = new TableItem(table, SWT.NONE);
			item.setText(row);
			item.setData(p);
		}
		for (TableColumn c : table.getColumns()) {
			c.pack();
		}
		table.select(0);
		table.addListener(SWT.DefaultSelection, e -> okPressed());
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, "Open", true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
	}

	@Override
	protected void okPressed() {
		int i = table.getSelectionIndex();
		ImagePart part = i < 0 ? null : (ImagePart) table.getItem(i).getData();
		super.okPressed();
		if (part != null) {
			chosen.accept(part);
		}
	}

	/** The rows as shown, column texts (the self-test reads them). */
	public List<List<String>> rows() {
		return java.util.Arrays.stream(table.getItems()).map(item -> java.util.stream.IntStream.range(0, KEYS.length)
				.mapToObj(item::getText).toList()).toList();
	}

	/** Chooses row {@code index} and presses Open, as a user would. */
	public void choose(int index) {
		table.select(index);
		getButton(IDialogConstants.OK_ID).notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
	}
}
