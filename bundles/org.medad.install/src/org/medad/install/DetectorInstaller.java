package org.medad.install;

import java.net.URI;
import java.util.Collection;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;

/**
 * Installs detector features from p2 update sites into the running installation and removes them again, through
 * the p2 operations API on the installation's own profile. Changes take effect after a restart. Every method does
 * I/O: call it from a Job, never from the UI thread.
 */
public interface DetectorInstaller {
	/** The label of the update-site category whose features are detectors. */
	String CATEGORY = "Detectors";

	/** The features of the site's "Detectors" category; the site is remembered for {@link #sites()}. */
	List<SiteFeature> features(URI site, IProgressMonitor monitor) throws CoreException;

	/** Installs the features (ids without {@code .feature.group}) from the site; an error status says why not. */
	IStatus install(URI site, Collection<String> featureIds, IProgressMonitor monitor);

	/** Removes installed features (ids without {@code .feature.group}). */
	IStatus uninstall(Collection<String> featureIds, IProgressMonitor monitor);

	/** Update sites added before (in this installation's p2 data), most useful first. */
	List<URI> sites();
}
