package org.medad.nn;

import ai.djl.ndarray.NDManager;

/** A module that only names its children: PyTorch's ModuleList/Sequential and plain attribute holders. */
public final class Container extends Module {

	public Container(NDManager manager) {
		super(manager);
	}

	public <M extends Module> M add(String name, M module) {
		return child(name, module);
	}
}
