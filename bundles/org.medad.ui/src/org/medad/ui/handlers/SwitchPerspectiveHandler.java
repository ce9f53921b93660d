package org.medad.ui.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.menu.MItem;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** Switches to the perspective named in the menu item's persisted state {@code perspective}. */
public class SwitchPerspectiveHandler {

	@Execute
	public void execute(MItem item, MApplication app, EModelService models, EPartService parts) {
		String id = item.getPersistedState().get("perspective");
		if (models.find(id, app) instanceof MPerspective p) {
			parts.switchPerspective(p);
		}
	}
}
