package org.medad.detector.liverfreq.synth;

import java.util.Random;

/** Where pseudo-lesion texture comes from: images of another data set (the paper: brain-tumour MRI) or procedural. */
public interface AnomalySource {

	/** A size×size texture in [0, 1]. */
	float[] next(int size, Random random);

	String describe();
}
