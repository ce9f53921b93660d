package org.medad.install.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.engine.ProvisioningContext;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.operations.ProfileChangeOperation;
import org.eclipse.equinox.p2.operations.ProvisioningJob;
import org.eclipse.equinox.p2.operations.ProvisioningSession;
import org.eclipse.equinox.p2.operations.InstallOperation;
import org.eclipse.equinox.p2.operations.UninstallOperation;
import org.eclipse.equinox.p2.query.IQueryable;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.IRepositoryManager;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.medad.install.DetectorInstaller;
import org.medad.install.SiteFeature;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;

/**
 * {@link DetectorInstaller} on the running system's p2 agent and its own profile ({@link IProfileRegistry#SELF}),
 * as the Eclipse IDE's Install New Software does: resolve an {@link InstallOperation} or {@link UninstallOperation},
 * then run its provisioning job. The planner sees only the chosen site, so what gets installed is what it offers.
 */
@Component(service = DetectorInstaller.class)
public class P2DetectorInstaller implements DetectorInstaller {
	static final String BUNDLE = "org.medad.install";
	private static final String GROUP = ".feature.group";

	@Override
	public List<SiteFeature> features(URI site, IProgressMonitor monitor) throws CoreException {
		SubMonitor sub = SubMonitor.convert(monitor, "Reading " + site, 10);
		IProvisioningAgent agent = agent();
		IMetadataRepository repository = load(agent, site, sub.split(8));
		IQueryable<IInstallableUnit> installed = profile(agent);
		List<IInstallableUnit> categories = repository.query(QueryUtil.createIUCategoryQuery(), sub.split(1)).toUnmodifiableSet()
				.stream().filter(c -> CATEGORY.equalsIgnoreCase(c.getProperty(IInstallableUnit.PROP_NAME, null))).toList();
		if (categories.isEmpty()) {
			throw new CoreException(Status.error("update site " + site + " has no category named '" + CATEGORY
					+ "' (its features are not published as detectors)"));
		}
		List<SiteFeature> features = new ArrayList<>();
		for (IInstallableUnit category : categories) {
			var members = repository.query(QueryUtil.createLatestQuery(QueryUtil.createIUCategoryMemberQuery(category)),
					null);
			for (IInstallableUnit iu : members) {
				if (!QueryUtil.isGroup(iu) || features.stream().anyMatch(f -> f.id().equals(featureId(iu)))) {
					continue;
				}
				String have = installed.query(QueryUtil.createIUQuery(iu.getId()), null).toUnmodifiableSet().stream()
						.map(i -> i.getVersion().toString()).findFirst().orElse(null);
				features.add(new SiteFeature(featureId(iu), iu.getVersion().toString(), text(iu,
						IInstallableUnit.PROP_NAME, featureId(iu)), text(iu, IInstallableUnit.PROP_DESCRIPTION, ""),
						text(iu, IInstallableUnit.PROP_PROVIDER, ""), have));
			}
		}
		sub.done();
		features.sort(Comparator.comparing(SiteFeature::name, String.CASE_INSENSITIVE_ORDER));
		return features;
	}

	@Override
	public IStatus install(URI site, Collection<String> featureIds, IProgressMonitor monitor) {
		SubMonitor sub = SubMonitor.convert(monitor, "Installing " + String.join(", ", featureIds), 100);
		try {
			IProvisioningAgent agent = agent();
			profile(agent);
			IMetadataRepository repository = load(agent, site, sub.split(10));
			agent.getService(IArtifactRepositoryManager.class).loadRepository(site, sub.split(5));
			List<IInstallableUnit> units = new ArrayList<>();
			List<String> missing = new ArrayList<>();
			for (String id : featureIds) {
				repository.query(QueryUtil.createLatestQuery(QueryUtil.createIUQuery(id + GROUP)), null)
						.toUnmodifiableSet().stream().findFirst().ifPresentOrElse(units::add, () -> missing.add(id));
			}
			if (!missing.isEmpty()) {
				return Status.error("update site " + site + " offers no feature " + String.join(", ", missing));
			}
			InstallOperation operation = new InstallOperation(new ProvisioningSession(agent), units);
			ProvisioningContext context = new ProvisioningContext(agent);
			context.setMetadataRepositories(site);
			context.setArtifactRepositories(site);
			operation.setProvisioningContext(context);
			return run(operation, "install " + String.join(", ", featureIds) + " from " + site, sub.split(85));
		} catch (OperationCanceledException e) {
			return Status.CANCEL_STATUS;
		} catch (CoreException e) {
			return e.getStatus();
		}
	}

	@Override
	public IStatus uninstall(Collection<String> featureIds, IProgressMonitor monitor) {
		SubMonitor sub = SubMonitor.convert(monitor, "Removing " + String.join(", ", featureIds), 100);
		try {
			IProvisioningAgent agent = agent();
			IQueryable<IInstallableUnit> profile = profile(agent);
			List<IInstallableUnit> units = new ArrayList<>();
			List<String> missing = new ArrayList<>();
			for (String id : featureIds) {
				profile.query(QueryUtil.createIUQuery(id + GROUP), null).toUnmodifiableSet().stream().findFirst()
						.ifPresentOrElse(units::add, () -> missing.add(id));
			}
			if (!missing.isEmpty()) {
				return Status.error("not installed, so not removed: " + String.join(", ", missing));
			}
			UninstallOperation operation = new UninstallOperation(new ProvisioningSession(agent), units);
			return run(operation, "remove " + String.join(", ", featureIds), sub.split(100));
		} catch (OperationCanceledException e) {
			return Status.CANCEL_STATUS;
		} catch (CoreException e) {
			return e.getStatus();
		}
	}

	@Override
	public List<URI> sites() {
		try {
			IMetadataRepositoryManager manager = agent().getService(IMetadataRepositoryManager.class);
			return Arrays.stream(manager.getKnownRepositories(IRepositoryManager.REPOSITORIES_NON_SYSTEM)).sorted(
					Comparator.comparing(URI::toString)).toList();
		} catch (CoreException e) {
			return List.of();
		}
	}

	/** Resolves the change against the installation's profile and, when the planner agrees, performs it. */
	private static IStatus run(ProfileChangeOperation operation, String what, IProgressMonitor monitor) {
		SubMonitor sub = SubMonitor.convert(monitor, 100);
		operation.setProfileId(IProfileRegistry.SELF);
		IStatus resolved = operation.resolveModal(sub.split(30));
		if (resolved.matches(IStatus.CANCEL)) {
			return resolved;
		}
		if (resolved.matches(IStatus.ERROR)) {
			String details = operation.getResolutionDetails();
			MultiStatus status = new MultiStatus(BUNDLE, 0, "Cannot " + what + ": "
					+ (details == null || details.isBlank() ? resolved.getMessage() : details), null);
			status.add(resolved);
			return status;
		}
		ProvisioningJob job = operation.getProvisioningJob(null);
		if (job == null) {
			return Status.error("Cannot " + what + ": p2 planned no change (" + resolved.getMessage() + ")");
		}
		IStatus done = job.runModal(sub.split(70));
		if (done.matches(IStatus.ERROR)) {
			MultiStatus status = new MultiStatus(BUNDLE, 0, "Could not " + what + ": " + done.getMessage(), null);
			status.add(done);
			return status;
		}
		return done;
	}

	private static IMetadataRepository load(IProvisioningAgent agent, URI site, IProgressMonitor monitor)
			throws ProvisionException {
		IMetadataRepositoryManager manager = agent.getService(IMetadataRepositoryManager.class);
		if (manager == null) {
			throw new ProvisionException(Status.error("p2 has no metadata repository manager in this installation"));
		}
		return manager.loadRepository(site, monitor);
	}

	/** The running installation's own profile: without one (a development launch) nothing can be installed. */
	private static IQueryable<IInstallableUnit> profile(IProvisioningAgent agent) throws CoreException {
		IProfileRegistry registry = agent.getService(IProfileRegistry.class);
		IProfile self = registry == null ? null : registry.getProfile(IProfileRegistry.SELF);
		if (self == null) {
			throw new CoreException(Status.error("this installation has no p2 profile (it was not installed by p2, "
					+ "e.g. a development launch), so detectors cannot be installed into it; use an installed product"));
		}
		return self;
	}

	/** The running system's agent, which p2's core bundle registers when it starts (lazily, on first use). */
	private static IProvisioningAgent agent() throws CoreException {
		BundleContext context = FrameworkUtil.getBundle(P2DetectorInstaller.class).getBundleContext();
		try {
			var p2core = FrameworkUtil.getBundle(IProvisioningAgent.class);
			if (p2core != null && p2core.getState() != org.osgi.framework.Bundle.ACTIVE) {
				p2core.start(org.osgi.framework.Bundle.START_TRANSIENT);
			}
			for (ServiceReference<IProvisioningAgent> ref : context.getServiceReferences(IProvisioningAgent.class,
					"(" + IProvisioningAgent.SERVICE_CURRENT + "=true)")) {
				IProvisioningAgent agent = context.getService(ref);
				if (agent != null) {
					return agent;
				}
			}
		} catch (InvalidSyntaxException | org.osgi.framework.BundleException e) {
			throw new CoreException(Status.error("p2 could not start: " + e.getMessage(), e));
		}
		throw new CoreException(Status.error("p2 is not available in this installation (no provisioning agent; "
				+ "eclipse.p2.data.area is not set)"));
	}

	private static String featureId(IInstallableUnit iu) {
		String id = iu.getId();
		return id.endsWith(GROUP) ? id.substring(0, id.length() - GROUP.length()) : id;
	}

	private static String text(IInstallableUnit iu, String key, String fallback) {
		String v = iu.getProperty(key, null);
		return v == null || v.isBlank() ? fallback : v.strip();
	}
}
