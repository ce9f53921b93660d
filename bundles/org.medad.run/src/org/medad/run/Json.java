package org.medad.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The JSON style of every file and answer the program writes: pretty, nulls kept, no HTML escaping. */
public final class Json {
	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
			.create();

	private Json() {
	}

	public static String of(Object value) {
		return GSON.toJson(value);
	}
}
