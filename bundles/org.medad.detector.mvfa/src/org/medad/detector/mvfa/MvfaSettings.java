package org.medad.detector.mvfa;

import java.util.List;

import org.medad.core.settings.SettingSpec;
import org.medad.core.settings.SettingsSchema;

/**
 * Every setting of MVFA; the defaults are the official code's (METHODS.md §2). One typed schema drives {@code --set},
 * the UI form and what a model package records.
 */
public final class MvfaSettings {
	static final String PRESET = "preset";
	static final String ARCHITECTURE = "architecture";
	static final String INIT = "init";
	static final String CLIP = "clip";
	static final String START = "start";
	static final String DATASET = "dataset";
	static final String OBJECT = "object";
	static final String PROTOCOL = "protocol";
	static final String LEVELS = "levels";
	static final String EPOCHS = "epochs";
	static final String LR = "lr";
	static final String MAX_MINUTES = "maxMinutes";
	static final String SHOTS = "shots";

	public static final SettingsSchema SCHEMA = SettingsSchema.of(
			SettingSpec.choice(PRESET, "paper", List.of("paper", "cpu", "tiny"),
					"paper: OpenAI CLIP ViT-L/14-336 (imported with medad models import --from openai-clip) run at"
							+ " 240 px with adapters after blocks 6, 12, 18, 24; cpu: the same layout with a narrow CLIP"
							+ " from random weights (minutes on two cores); tiny: the smallest, for tests. cpu and tiny"
							+ " are not the paper's setting, and every output of such a model says so"),
			SettingSpec.text(ARCHITECTURE, "", "CLIP sizes as JSON, as an imported checkpoint records them; empty ="
					+ " the preset's"),
			SettingSpec.choice(INIT, "auto", List.of("auto", "imported", "random"),
					"CLIP weights: imported (the clip or start package), random (tests and smoke runs; every output"
							+ " says so); auto = imported for preset=paper, random otherwise"),
			SettingSpec.path(CLIP, "folder", "Model package of OpenAI CLIP (medad models import --from openai-clip"
					+ " ViT-L-14-336px.pt); needed by preset=paper unless start is given"),
			SettingSpec.path(START, "folder", "An mvfa package to start from (its CLIP and adapters): an official"
					+ " checkpoint imported with medad models import --from mvfa-pth, or a trained model; with"
					+ " epochs=0 only the text features and the memory bank are built"),
			SettingSpec.choice(DATASET, "brain", List.of("brain", "liver", "resc", "oct2017", "chest", "histopathology"),
					"The paper's data sets: the object named in the prompts and the scoring rule (brain, liver, resc"
							+ " have masks: pixel maps, image score = max of the combined map; oct2017, chest,"
							+ " histopathology: image scores, few-shot score = mean of the few-shot map)"),
			SettingSpec.text(OBJECT, "", "The object named in the prompts ('a photo of a {}'); empty = the data set's"
					+ " (Brain, Liver, retinal OCT, Chest X-ray film, histopathological image)"),
			SettingSpec.choice(PROTOCOL, "few-shot", List.of("few-shot", "zero-shot"),
					"few-shot: adapters trained on the augmented shots, scores combine zero-shot text matching with"
							+ " the memory bank of normal shots; zero-shot: adapters trained on other labelled data sets"
							+ " (train --also), text matching alone"),
			SettingSpec.text(LEVELS, "", "Blocks (1-based) after which adapters act, e.g. 6,12,18,24; empty = the"
					+ " preset's"),
			SettingSpec.integer(EPOCHS, 50, 0, 100000, "Training epochs over the augmented shots, batch 1 (0: keep the"
					+ " start package's adapters, build text features and memory bank only)"),
			SettingSpec.real(LR, 0, 0, 1, "Adam learning rate (betas 0.5, 0.999); 0 = the official 1e-3 few-shot,"
					+ " 1e-4 zero-shot"),
			SettingSpec.real(MAX_MINUTES, 0, 0, 100000, "Stop training after this many minutes (0 = no limit)"),
			SettingSpec.integer(SHOTS, 0, 0, 1024, "Normal and anomalous shots drawn from valid/ with the seed, as"
					+ " train --shots K (0 = --shots, --shot-list or up to 4 per class)"));

	private MvfaSettings() {
	}
}
