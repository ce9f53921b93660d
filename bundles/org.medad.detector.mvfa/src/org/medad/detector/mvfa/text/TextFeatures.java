package org.medad.detector.mvfa.text;

import java.util.List;

import org.medad.nn.clip.ClipTokenizer;
import org.medad.nn.clip.TextTransformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * The class embeddings MVFA compares tokens with: every sentence of a state group encoded, each L2-normalised, the
 * group averaged and renormalised; column 0 normal, column 1 abnormal, (embed, 2). Computed once per object and
 * stored with the model, so that scoring needs no text tower.
 */
public final class TextFeatures {
	/** Sentences encoded at a time: the text tower's activations stay small at CLIP-L width. */
	private static final int CHUNK = 35;

	private TextFeatures() {
	}

	public static NDArray compute(NDManager m, TextTransformer text, ClipTokenizer tokenizer, String object,
			int context) {
		try (NDManager scope = m.newSubManager()) {
			NDArray normal = group(scope, text, tokenizer, Prompts.normal(object), context);
			NDArray abnormal = group(scope, text, tokenizer, Prompts.abnormal(object), context);
			NDArray features = NDArrays.stack(new NDList(normal, abnormal), 1);
			return scope.ret(features);
		}
	}

	/** Token ids of each sentence, as {@code tokenize()} gives them. */
	public static int[][] tokens(ClipTokenizer tokenizer, List<String> sentences, int context) {
		int[][] ids = new int[sentences.size()][];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = tokenizer.tokenize(sentences.get(i), context);
		}
		return ids;
	}

	private static NDArray group(NDManager m, TextTransformer text, ClipTokenizer tokenizer, List<String> sentences,
			int context) {
		NDArray embeddings = raw(m, text, tokens(tokenizer, sentences, context));
		NDArray unit = embeddings.div(embeddings.norm(new int[] { -1 }, true));
		NDArray mean = unit.mean(new int[] { 0 });
		return mean.div(mean.norm());
	}

	/** The text tower's raw output for the sentences (before normalisation), for checks against the reference. */
	public static NDArray raw(NDManager m, TextTransformer text, int[][] ids) {
		NDList parts = new NDList();
		for (int from = 0; from < ids.length; from += CHUNK) {
			parts.add(text.forward(m, java.util.Arrays.copyOfRange(ids, from, Math.min(ids.length, from + CHUNK))));
		}
		return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
	}
}
