package org.medad.ui.settings;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.medad.core.settings.SettingSpec;

/**
 * A form generated from a detector's settings schema: a field per setting by its type (check box, choice list, text
 * with a Browse button for paths), its description and range as the tooltip, an invalid value marked red with the
 * reason, as {@link SettingsDraft} checks it. {@code onChange} runs after every edit (the part enables Start).
 */
public final class SettingsForm {
	private final Composite body;
	private final SettingsDraft draft;
	private final Map<String, Control> fields = new LinkedHashMap<>();
	private final Map<String, String> tips = new LinkedHashMap<>();
	private final Label problem;
	private final Runnable onChange;
	private final Color invalid;

	public SettingsForm(Composite parent, SettingsDraft draft, Runnable onChange) {
		this.draft = draft;
		this.onChange = onChange;
		body = new Composite(parent, SWT.NONE);
		body.setLayout(new GridLayout(3, false));
		body.setData("org.medad.ui.id", "settings-form");
		invalid = new Color(255, 200, 200);
		body.addDisposeListener(e -> invalid.dispose());
		for (SettingSpec s : draft.schema().specs()) {
			Label name = new Label(body, SWT.NONE);
			name.setText(s.key());
			String tip = s.description() + " (" + s.describeRange() + "; default " + SettingsDraft.asText(s
					.defaultValue()) + ")";
			name.setToolTipText(tip);
			tips.put(s.key(), tip);
			Control field = field(s);
			field.setToolTipText(tip);
			field.setData("org.medad.ui.setting", s.key());
			fields.put(s.key(), field);
		}
		problem = new Label(body, SWT.WRAP);
		problem.setData("org.medad.ui.id", "settings-problem");
		problem.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
		refresh();
	}

	public Composite control() {
		return body;
	}

	public SettingsDraft draft() {
		return draft;
	}

	/** Types {@code text} into the field of {@code key}, as the user would (the self-test does). */
	public void type(String key, String text) {
		Control c = fields.get(key);
		if (c instanceof Text t) {
			t.setText(text); // fires Modify, which updates the draft
		} else if (c instanceof Combo combo) {
			combo.setText(text);
			draft.set(key, text);
			changed();
		} else if (c instanceof Button b) {
			b.setSelection(Boolean.parseBoolean(text));
			draft.set(key, Boolean.toString(b.getSelection()));
			changed();
		}
	}

	/** The fields show the draft's texts again (after defaults or a model's settings were applied). */
	public void refresh() {
		for (var e : fields.entrySet()) {
			String text = draft.text(e.getKey());
			Control c = e.getValue();
			if (c instanceof Text t && !t.getText().equals(text)) {
				t.setText(text);
			} else if (c instanceof Combo combo) {
				combo.setText(text);
			} else if (c instanceof Button b) {
				b.setSelection(Boolean.parseBoolean(text));
			}
		}
		mark();
	}

	/** Whether the field of {@code key} is marked invalid (the self-test reads it). */
	public boolean marked(String key) {
		return invalid.equals(fields.get(key).getBackground());
	}

	public String problemText() {
		return problem.getText();
	}

	private Control field(SettingSpec s) {
		return switch (s.type()) {
		case BOOLEAN -> {
			Button b = new Button(body, SWT.CHECK);
			b.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 2, 1));
			b.addListener(SWT.Selection, e -> {
				draft.set(s.key(), Boolean.toString(b.getSelection()));
				changed();
			});
			yield b;
		}
		case CHOICE -> {
			Combo c = new Combo(body, SWT.READ_ONLY);
			c.setItems(s.choices().toArray(String[]::new));
			c.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
			c.addListener(SWT.Selection, e -> {
				draft.set(s.key(), c.getText());
				changed();
			});
			yield c;
		}
		default -> {
			Text t = new Text(body, SWT.BORDER | SWT.SINGLE);
			boolean path = s.type() == org.medad.core.settings.SettingType.PATH;
			t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, path ? 1 : 2, 1));
			t.addListener(SWT.Modify, e -> {
				draft.set(s.key(), t.getText());
				changed();
			});
			if (path) {
				Button browse = new Button(body, SWT.PUSH);
				browse.setText("Browse…");
				browse.addListener(SWT.Selection, e -> {
					String kind = s.choices().isEmpty() ? "any" : s.choices().get(0);
					String chosen = kind.equals("folder") ? new DirectoryDialog(body.getShell()).open()
							: new FileDialog(body.getShell(), SWT.OPEN).open();
					if (chosen != null) {
						t.setText(chosen);
					}
				});
			}
			yield t;
		}
		};
	}

	private void changed() {
		mark();
		onChange.run();
	}

	private void mark() {
		Map<String, String> problems = draft.problems();
		for (var e : fields.entrySet()) {
			String why = problems.get(e.getKey());
			Control c = e.getValue();
			c.setBackground(why == null ? null : invalid);
			c.setToolTipText(why == null ? tips.get(e.getKey()) : why);
		}
		problem.setText(problems.isEmpty() ? "" : problems.values().iterator().next());
		body.layout(true);
	}
}
