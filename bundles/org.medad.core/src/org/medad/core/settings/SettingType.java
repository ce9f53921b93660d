package org.medad.core.settings;

/**
 * The value kinds a detector setting can take; both the CLI and the UI forms dispatch on it. {@code PATH}: a file
 * or folder that must exist when given (empty = none); {@code INTERVAL}: "lower,upper" numbers, lower below upper,
 * both within the setting's range (empty = none), e.g. a CT window in HU.
 */
public enum SettingType {
	INTEGER, REAL, BOOLEAN, TEXT, CHOICE, PATH, INTERVAL
}
