package org.medad.core.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.medad.core.error.ModelException;

/**
 * Named float32 tensors that are read one at a time: a foundation model's weights (gigabytes) go from the file to the
 * engine tensor by tensor instead of through a heap copy of them all. Names and shapes are known up front, so a load
 * can check that every key fits before it reads any values.
 */
public interface TensorStore extends AutoCloseable {

	/** Every tensor's shape, by name, in the order of the file. */
	Map<String, long[]> shapes();

	/**
	 * Puts the values of {@code name} into {@code into} as float32 in little-endian order, from its position on
	 * (advanced by four bytes a value), converting half and double precision.
	 */
	void read(String name, ByteBuffer into) throws ModelException;

	/** Releases the file handles; reading afterwards fails. */
	@Override
	void close();

	/** One tensor, copied to the heap. */
	default Tensor tensor(String name) throws ModelException {
		long[] shape = shapes().get(name);
		if (shape == null) {
			throw new ModelException("model weights lack tensor '" + name + "'");
		}
		int count = Math.toIntExact(Tensor.count(shape));
		ByteBuffer buf = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
		read(name, buf);
		float[] data = new float[count];
		buf.flip().asFloatBuffer().get(data);
		return new Tensor(shape, data);
	}

	/** Every tensor copied to the heap: for small models and tests; large ones are loaded through {@link #read}. */
	default Map<String, Tensor> all() throws ModelException {
		Map<String, Tensor> out = new LinkedHashMap<>();
		for (String name : shapes().keySet()) {
			out.put(name, tensor(name));
		}
		return out;
	}

	/**
	 * The same tensors under other names: {@code rename} maps a stored name to the name seen here, or to null to
	 * leave the tensor out. Reads go through to this store; closing the view closes nothing.
	 */
	default TensorStore renamed(UnaryOperator<String> rename) {
		Map<String, String> stored = new LinkedHashMap<>();
		Map<String, long[]> shapes = new LinkedHashMap<>();
		shapes().forEach((k, v) -> {
			String seen = rename.apply(k);
			if (seen != null) {
				stored.put(seen, k);
				shapes.put(seen, v);
			}
		});
		return of(shapes, (name, into) -> read(stored.get(name), into), () -> {
		}, "");
	}

	/** The tensors whose names start with {@code prefix}, with the prefix removed. */
	default TensorStore under(String prefix) {
		return renamed(k -> k.startsWith(prefix) ? k.substring(prefix.length()) : null);
	}

	/** Several stores seen as one, closed together; a name in two of them is refused, naming {@code source}. */
	static TensorStore joined(java.util.List<TensorStore> parts, String source) throws ModelException {
		Map<String, TensorStore> owner = new LinkedHashMap<>();
		Map<String, long[]> shapes = new LinkedHashMap<>();
		for (TensorStore part : parts) {
			for (Map.Entry<String, long[]> e : part.shapes().entrySet()) {
				if (owner.put(e.getKey(), part) != null) {
					throw new ModelException(source + ": tensor '" + e.getKey() + "' is in two weight files");
				}
				shapes.put(e.getKey(), e.getValue());
			}
		}
		return of(shapes, (name, into) -> owner.get(name).read(name, into), () -> parts.forEach(TensorStore::close),
				source + ": ");
	}

	/** Tensors already on the heap seen as a store (tests, small models, freshly converted checkpoints). */
	static TensorStore of(Map<String, Tensor> tensors) {
		Map<String, long[]> shapes = new LinkedHashMap<>();
		tensors.forEach((k, v) -> shapes.put(k, v.shape()));
		return of(shapes, (name, into) -> {
			float[] data = tensors.get(name).data();
			into.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(data);
			into.position(into.position() + 4 * data.length);
		}, () -> {
		}, "");
	}

	/** Reads the values of a tensor known to be there. */
	@FunctionalInterface
	interface Reader {
		void read(String name, ByteBuffer into) throws ModelException;
	}

	/**
	 * A store of these names and shapes whose values come from {@code reader}; a name it does not hold is refused
	 * with {@code prefix} and the name before the reader is asked.
	 */
	static TensorStore of(Map<String, long[]> shapes, Reader reader, Runnable close, String prefix) {
		Map<String, long[]> view = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
		return new TensorStore() {
			@Override
			public Map<String, long[]> shapes() {
				return view;
			}

			@Override
			public void read(String name, ByteBuffer into) throws ModelException {
				if (!view.containsKey(name)) {
					throw new ModelException(prefix + "model weights lack tensor '" + name + "'");
				}
				reader.read(name, into);
			}

			@Override
			public void close() {
				close.run();
			}
		};
	}
}
