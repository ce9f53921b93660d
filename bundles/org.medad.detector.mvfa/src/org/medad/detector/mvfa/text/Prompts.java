package org.medad.detector.mvfa.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The prompt ensemble of the official code ({@code utils.encode_text_with_prompt_ensemble}, METHODS.md §2.3): 7
 * normal and 5 abnormal states of the object, each in 35 templates, in this order.
 */
public final class Prompts {
	static final List<String> NORMAL_STATES = List.of("{}", "flawless {}", "perfect {}", "unblemished {}",
			"{} without flaw", "{} without defect", "{} without damage");
	static final List<String> ABNORMAL_STATES = List.of("damaged {}", "broken {}", "{} with flaw", "{} with defect",
			"{} with damage");
	static final List<String> TEMPLATES = List.of("a bad photo of a {}.", "a low resolution photo of the {}.",
			"a bad photo of the {}.", "a cropped photo of the {}.", "a bright photo of a {}.", "a dark photo of the {}.",
			"a photo of my {}.", "a photo of the cool {}.", "a close-up photo of a {}.",
			"a black and white photo of the {}.", "a bright photo of the {}.", "a cropped photo of a {}.",
			"a jpeg corrupted photo of a {}.", "a blurry photo of the {}.", "a photo of the {}.",
			"a good photo of the {}.", "a photo of one {}.", "a close-up photo of the {}.", "a photo of a {}.",
			"a low resolution photo of a {}.", "a photo of a large {}.", "a blurry photo of a {}.",
			"a jpeg corrupted photo of the {}.", "a good photo of a {}.", "a photo of the small {}.",
			"a photo of the large {}.", "a black and white photo of a {}.", "a dark photo of a {}.",
			"a photo of a cool {}.", "a photo of a small {}.", "there is a {} in the scene.",
			"there is the {} in the scene.", "this is a {} in the scene.", "this is the {} in the scene.",
			"this is one {} in the scene.");

	/** The official {@code REAL_NAME} of each data set the paper uses. */
	public static final Map<String, String> OBJECT_NAMES = Map.of("brain", "Brain", "liver", "Liver", "resc",
			"retinal OCT", "oct2017", "retinal OCT", "chest", "Chest X-ray film", "histopathology",
			"histopathological image");

	private Prompts() {
	}

	/** The 245 normal sentences about {@code object}, states outer, templates inner. */
	public static List<String> normal(String object) {
		return sentences(NORMAL_STATES, object);
	}

	/** The 175 abnormal sentences. */
	public static List<String> abnormal(String object) {
		return sentences(ABNORMAL_STATES, object);
	}

	private static List<String> sentences(List<String> states, String object) {
		List<String> out = new ArrayList<>(states.size() * TEMPLATES.size());
		for (String state : states) {
			String filled = state.replace("{}", object);
			for (String template : TEMPLATES) {
				out.add(template.replace("{}", filled));
			}
		}
		return out;
	}
}
