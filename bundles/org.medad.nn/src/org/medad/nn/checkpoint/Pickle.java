package org.medad.nn.checkpoint;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A restricted pickle reader: it interprets only the opcodes a PyTorch state dict or TorchScript archive needs and
 * constructs only values of a fixed set of globals, so loading a checkpoint can never run code. Any other opcode or
 * global stops the read with a {@link Refused} naming it.
 */
final class Pickle {

	/** What the archive layer supplies: persistent storages and the allowed callables. */
	interface Host {
		Object persistentLoad(Object pid) throws Refused;

		Object call(String global, List<Object> args) throws Refused;
	}

	static final class Refused extends Exception {
		private static final long serialVersionUID = 1L;

		Refused(String message) {
			super(message);
		}
	}

	/** A class reference produced by GLOBAL: callable only through {@link Host#call}. */
	record Global(String name) {
	}

	/** An object of a TorchScript class ({@code __torch__.*}): just its attributes. */
	record ScriptObject(String type, Map<String, Object> attributes) {
	}

	private static final Object MARK = new Object();
	private static final Set<String> ALLOWED = Set.of("collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
			"torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state", "torch.FloatStorage",
			"torch.HalfStorage", "torch.BFloat16Storage", "torch.DoubleStorage", "torch.LongStorage", "torch.IntStorage",
			"torch.ShortStorage", "torch.CharStorage", "torch.ByteStorage", "torch.BoolStorage",
			// TorchScript's typed-list markers: each returns its list argument unchanged
			"torch.jit._pickle.build_intlist", "torch.jit._pickle.build_doublelist", "torch.jit._pickle.build_boollist",
			"torch.jit._pickle.build_tensorlist", "torch.jit._pickle.build_stringlist", "torch.jit._pickle.restore_type_tag");

	private final ByteBuffer in;
	private final Host host;
	private final List<Object> stack = new ArrayList<>();
	private final Map<Integer, Object> memo = new HashMap<>();

	private Pickle(byte[] data, Host host) {
		this.in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
		this.host = host;
	}

	static Object load(byte[] data, Host host) throws Refused {
		Pickle p = new Pickle(data, host);
		try {
			return p.run();
		} catch (java.nio.BufferUnderflowException e) {
			throw new Refused("corrupt pickle: it ends in the middle of an instruction (byte " + p.in.position() + " of "
					+ data.length + ")");
		} catch (IndexOutOfBoundsException e) {
			throw new Refused("corrupt pickle: an instruction at byte " + p.in.position() + " takes more values than the"
					+ " stack holds");
		} catch (RuntimeException e) { // wrong kinds of values for an instruction (null, a number for a list, ...)
			throw new Refused("corrupt pickle: the instruction before byte " + p.in.position() + " found values of the"
					+ " wrong kind on the stack");
		}
	}

	static boolean allowed(String global) {
		return ALLOWED.contains(global) || global.startsWith("__torch__.");
	}

	private Object run() throws Refused {
		while (true) {
			int op = in.get() & 0xff;
			switch (op) {
				case 0x80 -> in.get(); // PROTO
				case 0x95 -> in.getLong(); // FRAME
				case '.' -> {
					return pop();
				}
				case '(' -> stack.add(MARK);
				case '}' -> stack.add(new LinkedHashMap<Object, Object>());
				case ']' -> stack.add(new ArrayList<Object>());
				case ')' -> stack.add(List.of());
				case 't' -> stack.add(nullSafe(popMark()));
				case 0x85 -> stack.add(tuple(1));
				case 0x86 -> stack.add(tuple(2));
				case 0x87 -> stack.add(tuple(3));
				case 'q' -> memo.put(in.get() & 0xff, top());
				case 'r' -> memo.put(in.getInt(), top());
				case 0x94 -> memo.put(memo.size(), top());
				case 'h' -> stack.add(memo(in.get() & 0xff));
				case 'j' -> stack.add(memo(in.getInt()));
				case 'J' -> stack.add((long) in.getInt());
				case 'K' -> stack.add((long) (in.get() & 0xff));
				case 'M' -> stack.add((long) (in.getShort() & 0xffff));
				case 0x8a -> stack.add(long1(in.get() & 0xff));
				case 'G' -> stack.add(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // big-endian
				case 'N' -> stack.add(null);
				case 0x88 -> stack.add(Boolean.TRUE);
				case 0x89 -> stack.add(Boolean.FALSE);
				case 'X' -> stack.add(string(in.getInt()));
				case 0x8c -> stack.add(string(in.get() & 0xff));
				case 0x8d -> stack.add(string(length(in.getLong())));
				case 'C' -> stack.add(bytes(in.get() & 0xff));
				case 'B' -> stack.add(bytes(in.getInt()));
				case 's' -> {
					Object v = pop();
					Object k = pop();
					map(top()).put(k, v);
				}
				case 'u' -> {
					List<Object> items = popMark();
					Map<Object, Object> m = map(top());
					for (int i = 0; i + 1 < items.size(); i += 2) {
						m.put(items.get(i), items.get(i + 1));
					}
				}
				case 'a' -> {
					Object v = pop();
					list(top()).add(v);
				}
				case 'e' -> {
					List<Object> items = popMark();
					list(top()).addAll(items);
				}
				case 'c' -> stack.add(global(line() + "." + line()));
				case 0x93 -> {
					String name = (String) pop();
					String module = (String) pop();
					stack.add(global(module + "." + name));
				}
				case 'R' -> {
					Object args = pop();
					Object g = pop();
					if (!(g instanceof Global global) || !(args instanceof List<?> list)) {
						throw new Refused("corrupt pickle: REDUCE at byte " + (in.position() - 1) + " needs a callable and"
								+ " an argument tuple, found " + kind(g) + " and " + kind(args));
					}
					stack.add(host.call(global.name(), new ArrayList<>(list)));
				}
				case 0x81 -> { // NEWOBJ: only TorchScript classes, which become attribute holders
					pop();
					Global g = (Global) pop();
					if (!g.name().startsWith("__torch__.")) {
						throw new Refused("refuses to construct " + g.name() + " (NEWOBJ)");
					}
					stack.add(new ScriptObject(g.name(), new LinkedHashMap<>()));
				}
				case 'Q' -> stack.add(host.persistentLoad(pop()));
				case 'b' -> build(pop(), top());
				default -> throw new Refused(String.format("refuses pickle opcode 0x%02x ('%c') at byte %d", op,
						op >= 32 && op < 127 ? (char) op : '?', in.position() - 1));
			}
		}
	}

	private Global global(String name) throws Refused {
		if (!allowed(name)) {
			throw new Refused("refuses global " + name + ": a checkpoint may only hold tensors, storages and dicts");
		}
		return new Global(name);
	}

	@SuppressWarnings("unchecked")
	private static void build(Object state, Object target) throws Refused {
		if (target instanceof ScriptObject so && state instanceof Map<?, ?> m) {
			m.forEach((k, v) -> so.attributes().put(String.valueOf(k), v));
		} else if (target instanceof Map<?, ?>) {
			// an OrderedDict's own attributes (state_dict._metadata): not part of the weights
		} else if (target instanceof TorchArchive.TensorRef) {
			// a Parameter's extra state (requires_grad hooks): irrelevant for loading
		} else {
			throw new Refused("refuses BUILD on " + kind(target));
		}
	}

	private List<Object> tuple(int n) {
		List<Object> items = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			items.add(0, pop());
		}
		return nullSafe(items);
	}

	private static List<Object> nullSafe(List<Object> items) {
		return java.util.Collections.unmodifiableList(new ArrayList<>(items));
	}

	private List<Object> popMark() throws Refused {
		int i = stack.size() - 1;
		while (i >= 0 && stack.get(i) != MARK) {
			i--;
		}
		if (i < 0) {
			throw new Refused("corrupt pickle: no MARK on the stack");
		}
		List<Object> items = new ArrayList<>(stack.subList(i + 1, stack.size()));
		stack.subList(i, stack.size()).clear();
		return items;
	}

	private Object pop() {
		return stack.remove(stack.size() - 1);
	}

	private Object top() {
		return stack.get(stack.size() - 1);
	}

	private Object memo(int key) throws Refused {
		if (!memo.containsKey(key)) {
			throw new Refused("corrupt pickle: memo " + key + " read before it was written");
		}
		return memo.get(key);
	}

	@SuppressWarnings("unchecked")
	private static Map<Object, Object> map(Object o) throws Refused {
		if (o instanceof Map<?, ?> m) {
			return (Map<Object, Object>) m;
		}
		if (o instanceof ScriptObject so) {
			return (Map<Object, Object>) (Map<?, ?>) so.attributes();
		}
		throw new Refused("corrupt pickle: SETITEM on " + kind(o));
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object o) throws Refused {
		if (o instanceof ArrayList<?> l) {
			return (List<Object>) l;
		}
		throw new Refused("corrupt pickle: APPEND on " + kind(o));
	}

	private Object long1(int n) {
		byte[] b = new byte[n];
		in.get(b);
		byte[] be = new byte[n + 1];
		for (int i = 0; i < n; i++) {
			be[n - i] = b[i];
		}
		be[0] = n > 0 && b[n - 1] < 0 ? (byte) -1 : 0;
		BigInteger v = new BigInteger(be);
		return v.bitLength() < 64 ? (Object) v.longValue() : v;
	}

	private String string(int n) throws Refused {
		return new String(bytes(n), StandardCharsets.UTF_8);
	}

	/** {@code n} bytes of the pickle, refused when the length is negative or runs past its end. */
	private byte[] bytes(int n) throws Refused {
		if (n < 0 || n > in.remaining()) {
			throw new Refused("corrupt pickle: a string or bytes of length " + n + " at byte " + in.position()
					+ " runs past the end (" + in.remaining() + " bytes left)");
		}
		byte[] b = new byte[n];
		in.get(b);
		return b;
	}

	private int length(long n) throws Refused {
		if (n < 0 || n > in.remaining()) {
			throw new Refused("corrupt pickle: a string of length " + n + " at byte " + in.position()
					+ " runs past the end (" + in.remaining() + " bytes left)");
		}
		return (int) n;
	}

	private static String kind(Object o) {
		return o == null ? "None" : o instanceof Global g ? g.name() : o instanceof List<?> ? "a list"
				: o instanceof Map<?, ?> ? "a dict" : o instanceof String ? "a string" : o instanceof Number ? "a number"
						: "an object";
	}

	private String line() {
		StringBuilder b = new StringBuilder();
		for (byte c = in.get(); c != '\n'; c = in.get()) {
			b.append((char) c);
		}
		return b.toString();
	}
}
