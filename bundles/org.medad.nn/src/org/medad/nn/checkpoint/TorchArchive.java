package org.medad.nn.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.medad.core.error.ModelException;
import org.medad.core.model.Tensor;

/**
 * PyTorch zip archives: {@code torch.save} files ({@code .pth}, {@code .bin}, torch ≥ 1.6) and TorchScript
 * archives ({@code .pt}, e.g. OpenAI CLIP). {@code <root>/data.pkl} is read with the restricted {@link Pickle};
 * tensors are views into raw storages {@code <root>/data/<key>} and become float32 heap tensors. Names are the
 * dotted paths through dicts and TorchScript module attributes.
 */
public final class TorchArchive {

	/** A storage: dtype from its torch.*Storage class, bytes read on first use. */
	record Storage(String type, String key, long numel) {
	}

	/** torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...). */
	record TensorRef(Storage storage, long offset, long[] size, long[] stride) {
	}

	private TorchArchive() {
	}

	public static Map<String, Tensor> read(Path file) throws ModelException {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			String root = root(zip, file);
			ByteOrder order = byteOrder(zip, root);
			byte[] pickle = entry(zip, root + "data.pkl", file);
			Object tree;
			try {
				tree = Pickle.load(pickle, new Pickle.Host() {
					@Override
					public Object persistentLoad(Object pid) throws Pickle.Refused {
						return storage(pid);
					}

					@Override
					public Object call(String global, List<Object> args) throws Pickle.Refused {
						return TorchArchive.call(global, args);
					}
				});
			} catch (Pickle.Refused e) {
				throw new ModelException(file + ": " + e.getMessage() + " (nothing was executed)");
			}
			Map<String, Tensor> out = new LinkedHashMap<>();
			Map<String, ByteBuffer> storages = new LinkedHashMap<>();
			flatten("", tree, out, zip, root, order, storages, file);
			if (out.isEmpty()) {
				throw new ModelException(file + ": the archive holds no tensors");
			}
			return out;
		} catch (ZipException e) {
			throw new ModelException(file + ": not a PyTorch zip archive (" + e.getMessage()
					+ "); files from torch < 1.6 must be re-saved with a newer torch");
		} catch (IOException e) {
			throw new ModelException(file + ": cannot read: " + e.getMessage(), e);
		}
	}

	private static String root(ZipFile zip, Path file) throws ModelException {
		for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
			String name = e.nextElement().getName();
			int slash = name.indexOf('/');
			if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
				return name.substring(0, slash + 1);
			}
		}
		throw new ModelException(file + ": a zip file without <name>/data.pkl, so not a PyTorch checkpoint");
	}

	private static ByteOrder byteOrder(ZipFile zip, String root) throws IOException {
		ZipEntry e = zip.getEntry(root + "byteorder");
		if (e == null) {
			return ByteOrder.LITTLE_ENDIAN;
		}
		try (InputStream in = zip.getInputStream(e)) {
			return new String(in.readAllBytes()).trim().equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
		}
	}

	private static byte[] entry(ZipFile zip, String name, Path file) throws IOException, ModelException {
		ZipEntry e = zip.getEntry(name);
		if (e == null) {
			throw new ModelException(file + ": archive entry " + name + " is missing");
		}
		try (InputStream in = zip.getInputStream(e)) {
			return in.readAllBytes();
		}
	}

	private static Storage storage(Object pid) throws Pickle.Refused {
		if (pid instanceof List<?> l && l.size() >= 5 && "storage".equals(l.get(0))
				&& l.get(1) instanceof Pickle.Global g && l.get(4) instanceof Long n) {
			return new Storage(g.name(), String.valueOf(l.get(2)), n);
		}
		String what = pid instanceof String || pid instanceof Number ? "'" + pid + "'"
				: pid instanceof List<?> list ? "a tuple of " + list.size() : pid == null ? "None" : "a damaged value";
		throw new Pickle.Refused("refuses persistent id " + what + " (only tensor storages are allowed)");
	}

	private static Object call(String global, List<Object> args) throws Pickle.Refused {
		switch (global) {
			case "collections.OrderedDict":
				return new LinkedHashMap<Object, Object>();
			case "torch._utils._rebuild_tensor_v2":
				if (args.size() >= 4 && args.get(0) instanceof Storage s && args.get(1) instanceof Long offset) {
					return new TensorRef(s, offset, longs(args.get(2)), longs(args.get(3)));
				}
				throw new Pickle.Refused("malformed _rebuild_tensor_v2 arguments");
			case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state":
				return args.get(0);
			default:
				if (global.startsWith("torch.jit._pickle.") && !args.isEmpty()) {
					return args.get(0);
				}
				throw new Pickle.Refused("refuses to call " + global);
		}
	}

	private static long[] longs(Object tuple) throws Pickle.Refused {
		if (!(tuple instanceof List<?> l)) {
			throw new Pickle.Refused("malformed tensor size/stride");
		}
		long[] out = new long[l.size()];
		for (int i = 0; i < out.length; i++) {
			out[i] = (Long) l.get(i);
		}
		return out;
	}

	private static void flatten(String prefix, Object node, Map<String, Tensor> out, ZipFile zip, String root,
			ByteOrder order, Map<String, ByteBuffer> storages, Path file) throws IOException, ModelException {
		if (node instanceof TensorRef t) {
			out.put(prefix.isEmpty() ? "tensor" : prefix, materialise(t, zip, root, order, storages, file));
		} else if (node instanceof Map<?, ?> m) {
			for (Map.Entry<?, ?> e : m.entrySet()) {
				flatten(join(prefix, String.valueOf(e.getKey())), e.getValue(), out, zip, root, order, storages, file);
			}
		} else if (node instanceof Pickle.ScriptObject so) {
			for (Map.Entry<String, Object> e : so.attributes().entrySet()) {
				flatten(join(prefix, e.getKey()), e.getValue(), out, zip, root, order, storages, file);
			}
		} else if (node instanceof List<?> l) {
			for (int i = 0; i < l.size(); i++) {
				flatten(join(prefix, Integer.toString(i)), l.get(i), out, zip, root, order, storages, file);
			}
		}
		// numbers, strings, booleans: metadata (epoch, training flags), not weights
	}

	private static String join(String prefix, String key) {
		return prefix.isEmpty() ? key : prefix + "." + key;
	}

	private static Tensor materialise(TensorRef t, ZipFile zip, String root, ByteOrder order,
			Map<String, ByteBuffer> storages, Path file) throws IOException, ModelException {
		int width = width(t.storage().type(), file);
		ByteBuffer data = storages.get(t.storage().key());
		if (data == null) {
			data = ByteBuffer.wrap(entry(zip, root + "data/" + t.storage().key(), file)).order(order);
			if (data.capacity() < t.storage().numel() * width) {
				throw new ModelException(file + ": storage " + t.storage().key() + " is truncated (" + data.capacity()
						+ " bytes for " + t.storage().numel() + " elements)");
			}
			storages.put(t.storage().key(), data);
		}
		long count = 1;
		for (long d : t.size()) {
			count *= d;
		}
		if (count > Integer.MAX_VALUE - 8) {
			throw new ModelException(file + ": tensor of " + count + " elements is too large for one array");
		}
		float[] values = new float[(int) count];
		long[] index = new long[t.size().length];
		for (int i = 0; i < values.length; i++) {
			long element = t.offset();
			for (int d = 0; d < index.length; d++) {
				element += index[d] * t.stride()[d];
			}
			if (element < 0 || element >= t.storage().numel()) {
				throw new ModelException(file + ": tensor view reaches past its storage " + t.storage().key());
			}
			values[i] = value(data, t.storage().type(), (int) (element * width));
			for (int d = index.length - 1; d >= 0; d--) {
				if (++index[d] < t.size()[d]) {
					break;
				}
				index[d] = 0;
			}
		}
		return new Tensor(t.size().clone(), values);
	}

	private static int width(String type, Path file) throws ModelException {
		return switch (type) {
			case "torch.FloatStorage", "torch.IntStorage" -> 4;
			case "torch.HalfStorage", "torch.BFloat16Storage", "torch.ShortStorage" -> 2;
			case "torch.DoubleStorage", "torch.LongStorage" -> 8;
			case "torch.CharStorage", "torch.ByteStorage", "torch.BoolStorage" -> 1;
			default -> throw new ModelException(file + ": unsupported storage type " + type);
		};
	}

	private static float value(ByteBuffer b, String type, int at) {
		return switch (type) {
			case "torch.FloatStorage" -> b.getFloat(at);
			case "torch.HalfStorage" -> Float.float16ToFloat(b.getShort(at));
			case "torch.BFloat16Storage" -> Float.intBitsToFloat((b.getShort(at) & 0xffff) << 16);
			case "torch.DoubleStorage" -> (float) b.getDouble(at);
			case "torch.LongStorage" -> b.getLong(at);
			case "torch.IntStorage" -> b.getInt(at);
			case "torch.ShortStorage" -> b.getShort(at);
			case "torch.CharStorage" -> b.get(at);
			default -> b.get(at) & 0xff;
		};
	}
}
