package org.medad.run.internal;

import org.medad.io.format.ImageFormats;
import org.medad.run.Workflows;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The workflows as a DS service on the installed image formats. */
@Component(service = Workflows.class)
public class WorkflowsService extends Workflows {

	@Activate
	public WorkflowsService(@Reference ImageFormats formats) {
		super(formats);
	}
}
