package org.medad.core.settings;

/** The value kinds a detector setting can take; both the CLI and the UI forms dispatch on it. */
public enum SettingType {
	INTEGER, REAL, BOOLEAN, TEXT, CHOICE
}
