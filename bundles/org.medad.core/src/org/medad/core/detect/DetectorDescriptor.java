package org.medad.core.detect;

/** Identity of a detector service: stable {@code id} (used in model packages and on the command line). */
public record DetectorDescriptor(String id, String name, String version, LearnsFrom learnsFrom, InputSpec input,
		String description) {
}
