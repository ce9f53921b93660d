package org.medad.ui.review;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.medad.run.ScoreResults;

/**
 * The cases of a score output folder beside the views: name, true label where known, score, predicted label; sorted by a click on a
 * column header (again: the other way), filtered to the anomalous ones, walked with the arrow keys; selecting a case
 * opens it with its map.
 */
final class CaseList extends Composite {
	private final Table table;
	private final Button anomalousOnly;
	private List<ScoreResults.Case> cases = List.of();
	private final List<ScoreResults.Case> shown = new ArrayList<>();
	private Comparator<ScoreResults.Case> order = Comparator.comparing(ScoreResults.Case::score).reversed();

	CaseList(Composite parent, Consumer<ScoreResults.Case> opened) {
		super(parent, SWT.NONE);
		setLayout(new GridLayout(1, false));
		anomalousOnly = new Button(this, SWT.CHECK);
		anomalousOnly.setText("Anomalous only");
		anomalousOnly.addListener(SWT.Selection, e -> refill());
		table = new Table(this, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
		table.setData("org.medad.ui.id", "cases");
		table.setHeaderVisible(true);
		table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		column("Case", 120, Comparator.comparing(ScoreResults.Case::id));
		column("Label", 70, Comparator.comparing(c -> label(c.truth())));
		column("Score", 60, Comparator.comparing(ScoreResults.Case::score));
		column("Predicted", 70, Comparator.comparing(ScoreResults.Case::anomalous));
		table.addListener(SWT.Selection, e -> {
			int i = table.getSelectionIndex();
			if (i >= 0 && i < shown.size()) {
				opened.accept(shown.get(i));
			}
		});
	}

	/** Shows these cases, most anomalous first. */
	void show(List<ScoreResults.Case> all) {
		cases = List.copyOf(all);
		order = Comparator.comparing(ScoreResults.Case::score).reversed();
		refill();
	}

	/** The scans of the cases shown (after the filter), in their order; cases whose scan is unknown are left out. */
	List<Path> shownImages() {
		return shown.stream().map(ScoreResults.Case::image).filter(java.util.Objects::nonNull).toList();
	}

	/** The scores of the cases shown, in their order. */
	List<Double> shownScores() {
		return shown.stream().map(ScoreResults.Case::score).toList();
	}

	/** The case ids in the order shown (the self-test reads them). */
	List<String> shownIds() {
		return shown.stream().map(ScoreResults.Case::id).toList();
	}

	/** Selects the row {@code index} as a click would. */
	void select(int index) {
		table.setSelection(index);
		table.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
	}

	private void column(String name, int width, Comparator<ScoreResults.Case> by) {
		TableColumn c = new TableColumn(table, SWT.NONE);
		c.setText(name);
		c.setWidth(width);
		c.addListener(SWT.Selection, e -> {
			boolean up = table.getSortColumn() != c || table.getSortDirection() == SWT.DOWN;
			table.setSortColumn(c);
			table.setSortDirection(up ? SWT.UP : SWT.DOWN);
			order = up ? by : by.reversed();
			refill();
		});
	}

	private void refill() {
		shown.clear();
		cases.stream().filter(c -> !anomalousOnly.getSelection() || c.anomalous()).sorted(order).forEach(shown::add);
		table.removeAll();
		for (ScoreResults.Case c : shown) {
			TableItem item = new TableItem(table, SWT.NONE);
			item.setText(new String[] { c.id(), label(c.truth()), String.format(Locale.ROOT, "%.4g", c.score()), c
					.anomalous() ? "anomalous" : "normal" });
		}
	}

	/** The column text of a true label: empty where it is not known. */
	static String label(Boolean truth) {
		return truth == null ? "" : truth ? "anomalous" : "normal";
	}

	/** The rows as shown, column texts (the self-test reads them). */
	List<List<String>> shownRows() {
		List<List<String>> rows = new ArrayList<>();
		for (TableItem item : table.getItems()) {
			rows.add(java.util.stream.IntStream.range(0, table.getColumnCount()).mapToObj(item::getText).toList());
		}
		return rows;
	}
}
