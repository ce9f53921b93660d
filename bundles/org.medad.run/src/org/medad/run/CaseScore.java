package org.medad.run;

/** The outcome for one case of a run: its score, label if known, prediction and time taken. */
public record CaseScore(String id, double score, Boolean anomalous, boolean predicted, double seconds) {
}
