package org.medad.run;

/** A case a run could not process and why; the run went on without it. */
public record CaseError(String id, String reason) {
}
