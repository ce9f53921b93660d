package org.medad.core.detect;

/**
 * Another labelled data set a method may learn from (the zero-shot protocol: train on several data sets, test on a
 * held-out one), named for the record.
 */
public record LabelledSet(String name, LabelledSlices cases) {
}
