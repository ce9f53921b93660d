package org.medad.detector.qfae;

import java.util.List;

import org.medad.core.settings.SettingSpec;
import org.medad.core.settings.SettingsSchema;

/**
 * Every setting of QFAE; the defaults are the official code's (METHODS.md §1.6, §1.7). One typed schema drives
 * {@code --set}, the UI form and what a model package records.
 */
public final class QfaeSettings {
	static final String PRESET = "preset";
	static final String ARCHITECTURE = "architecture";
	static final String INIT = "init";
	static final String ENCODER = "encoder";
	static final String PERCEPTUAL = "perceptual";
	static final String DATASET = "dataset";
	static final String EVAL_PATCHES = "evalPatches";
	static final String EVAL_LAYERS = "evalLayers";
	static final String TRAIN_PATCHES = "trainPatches";
	static final String TRAIN_LAYERS = "trainLayers";
	static final String LOSS = "loss";
	static final String BOTTLENECK = "bottleneck";
	static final String QFORMER_STYLE = "qformerStyle";
	static final String EPOCHS = "epochs";
	static final String BATCH = "batch";
	static final String LR = "lr";
	static final String PCT_START = "pctStart";
	static final String AUGMENT = "augment";
	static final String MAX_MINUTES = "maxMinutes";
	static final String FEATURE_CACHE = "featureCacheMB";
	static final String WINDOW = "window";

	public static final SettingsSchema SCHEMA = SettingsSchema.of(
			SettingSpec.choice(PRESET, "paper", List.of("paper", "paper-b14", "cpu", "tiny"),
					"paper: DINOv2 ViT-L/14-reg4 encoder and MAE ViT-L/16 perceptual model from imported weights;"
							+ " paper-b14: the same with the DINOv2 ViT-B/14-reg4 encoder (the paper's encoder ablation);"
							+ " cpu: the same layout with narrow networks from random weights (minutes on two cores);"
							+ " tiny: the smallest networks, for tests. cpu and tiny are not the paper's setting, and"
							+ " every output of such a model says so"),
			SettingSpec.text(ARCHITECTURE, "", "Sizes as JSON (autoencoder, perceptual), as an imported checkpoint"
					+ " records them; empty = the preset's"),
			SettingSpec.choice(INIT, "auto", List.of("auto", "imported", "random"),
					"Weights of the frozen parts: imported (the encoder and perceptual packages), random (benchmarks"
							+ " and smoke runs; every output says so); auto = imported for preset=paper, random otherwise"),
			SettingSpec.path(ENCODER, "folder", "Model package of the frozen encoder (medad models import --from timm"
					+ " DINOv2 weights); needed by preset=paper"),
			SettingSpec.path(PERCEPTUAL, "folder", "Model package of the MAE perceptual model at patch 16 (medad models"
					+ " import --from timm mae_pretrain weights); needed by preset=paper"),
			SettingSpec.choice(DATASET, "brain", List.of("brain", "resc", "liver", "chest"),
					"Scoring rule and evaluation patch sizes of the paper's data sets: brain/resc max over each map"
							+ " then mean over layers, patches 16,32,56; liver the same at patches 8,16, each slice first cropped"
							+ " to its non-zero box on a 224 canvas and bilateral-filtered (maps go back where the organ"
							+ " was); chest mean over each map then max over layers"),
			SettingSpec.text(EVAL_PATCHES, "", "Perceptual patch sizes for scoring, e.g. 16,32,56 (empty = dataset's)"),
			SettingSpec.text(EVAL_LAYERS, "11,15,19", "Perceptual block outputs (0-based) for scoring"),
			SettingSpec.text(TRAIN_PATCHES, "32,56", "Perceptual patch sizes of the training loss"),
			SettingSpec.text(TRAIN_LAYERS, "15,19", "Perceptual block outputs (0-based) of the training loss"),
			SettingSpec.choice(LOSS, "perceptual", List.of("perceptual", "l1"),
					"perceptual: 1 - cosine of MAE features (the method); l1: mean absolute error of the pixels (the"
							+ " paper's ablation; map = channel mean of |x - x̂|, score = its maximum)"),
			SettingSpec.choice(BOTTLENECK, "qformer", List.of("qformer", "none"),
					"none: the paper's plain-autoencoder ablation (encoder block -2's patch tokens, projected, straight"
							+ " into a decoder on the encoder's grid; usually with loss=l1)"),
			SettingSpec.choice(QFORMER_STYLE, "code", List.of("code", "blip2"),
					"code: the official Q-Former (causal multi-query self-attention, no residuals; its checkpoints"
							+ " need it); blip2: bidirectional self-attention with residual connections, as the paper"
							+ " describes"),
			SettingSpec.integer(EPOCHS, 300, 1, 100000, "Training epochs"),
			SettingSpec.integer(BATCH, 64, 1, 1024, "Images per step (the last incomplete batch is dropped)"),
			SettingSpec.real(LR, 8e-5, 1e-9, 1, "Peak learning rate of the one-cycle schedule"),
			SettingSpec.real(PCT_START, 0.15, 0.01, 0.99, "Share of the steps spent warming up to the peak rate"),
			SettingSpec.bool(AUGMENT, true, "Training augmentations (crop, rotation, flip, brightness and contrast)"),
			SettingSpec.real(MAX_MINUTES, 0, 0, 100000, "Stop training after this many minutes (0 = no limit)"),
			SettingSpec.integer(FEATURE_CACHE, 2048, 0, 1 << 20, "With augment=false: megabytes of frozen-encoder"
					+ " outputs kept between epochs, each image encoded once (0 = encode every step)"),
			SettingSpec.interval(WINDOW, -100000, 100000, "Intensities 'lower,upper' mapped to [0, 1] before the"
					+ " normalisation (CT in HU: e.g. -160,240); empty = 0,255 (8-bit pictures, as the paper)"));

	private QfaeSettings() {
	}
}
