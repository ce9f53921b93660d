package org.medad.io.preprocess;

import java.util.ArrayList;
import java.util.List;

import org.medad.core.image.Volume;

/** Steps applied in order. */
public record Pipeline(List<SliceOp> steps) implements SliceOp {

	public Pipeline {
		List<SliceOp> flat = new ArrayList<>();
		for (SliceOp s : steps) {
			if (s instanceof Pipeline p) {
				flat.addAll(p.steps());
			} else {
				flat.add(s);
			}
		}
		steps = List.copyOf(flat);
	}

	@Override
	public Volume apply(Volume slice) {
		Volume v = slice;
		for (SliceOp s : steps) {
			v = s.apply(v);
		}
		return v;
	}

	@Override
	public boolean crops() {
		return steps.stream().anyMatch(SliceOp::crops);
	}

	@Override
	public String describe() {
		return String.join(" -> ", steps.stream().map(SliceOp::describe).toList());
	}
}
