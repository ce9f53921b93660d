package org.medad.io.raw;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Whole-buffer gzip decompression by the system's libdeflate (Debian package libdeflate0, which libtiff and
 * GTK pull in), about twice as fast as the JDK's zlib on the I/O benchmark (docs/benchmarks.md). Called
 * through the Foreign Function & Memory API, looked up reflectively because that API is final only from
 * Java 22 while this bundle runs on 21: on Java 21, or without the library, {@link #instance()} is null and
 * readers use the JDK's zlib. No native code is built or shipped.
 */
public final class Libdeflate {
	private static final int SUCCESS = 0;
	private static volatile Optional<Libdeflate> instance;

	private final MethodHandle decompress;
	private final Object decompressor;
	private final Class<?> arenaClass;
	private final Object longLayout;
	private final Method getLong;
	private final Method asByteBuffer;
	private final Method ofAuto;
	private final Method allocate;
	private final Method ofBuffer;

	private Libdeflate(MethodHandle decompress, Object decompressor, Class<?> arenaClass, Object longLayout,
			Class<?> segmentClass) throws ReflectiveOperationException {
		this.decompress = decompress;
		this.decompressor = decompressor;
		this.arenaClass = arenaClass;
		this.longLayout = longLayout;
		// methods of the public interfaces: the implementation classes are not exported
		this.getLong = segmentClass.getMethod("get", Class.forName("java.lang.foreign.ValueLayout$OfLong"), long.class);
		this.asByteBuffer = segmentClass.getMethod("asByteBuffer");
		this.ofAuto = arenaClass.getMethod("ofAuto");
		this.allocate = Class.forName("java.lang.foreign.SegmentAllocator").getMethod("allocate", long.class);
		this.ofBuffer = segmentClass.getMethod("ofBuffer", java.nio.Buffer.class);
	}

	/** The shared decoder, or null when libdeflate or the FFM API is not available. */
	public static Libdeflate instance() {
		Optional<Libdeflate> i = instance;
		if (i == null) {
			synchronized (Libdeflate.class) {
				if (instance == null) {
					instance = Optional.ofNullable(load());
				}
				i = instance;
			}
		}
		return i.orElse(null);
	}

	private static Libdeflate load() {
		if (Runtime.version().feature() < 22 || Boolean.getBoolean("medad.io.nolibdeflate")) {
			return null;
		}
		try {
			Class<?> linkerC = Class.forName("java.lang.foreign.Linker");
			Class<?> arenaC = Class.forName("java.lang.foreign.Arena");
			Class<?> lookupC = Class.forName("java.lang.foreign.SymbolLookup");
			Class<?> segmentC = Class.forName("java.lang.foreign.MemorySegment");
			Class<?> layoutC = Class.forName("java.lang.foreign.MemoryLayout");
			Class<?> valueLayoutC = Class.forName("java.lang.foreign.ValueLayout");
			Class<?> descriptorC = Class.forName("java.lang.foreign.FunctionDescriptor");
			Class<?> optionC = Class.forName("java.lang.foreign.Linker$Option");
			Object linker = linkerC.getMethod("nativeLinker").invoke(null);
			Object global = arenaC.getMethod("global").invoke(null);
			Object lib = lookupC.getMethod("libraryLookup", String.class, arenaC).invoke(null, "libdeflate.so.0", global);
			Method find = lookupC.getMethod("find", String.class);
			Object address = valueLayoutC.getField("ADDRESS").get(null);
			Object jint = valueLayoutC.getField("JAVA_INT").get(null);
			Object jlong = valueLayoutC.getField("JAVA_LONG").get(null);
			Method of = descriptorC.getMethod("of", layoutC, layoutC.arrayType());
			Method downcall = linkerC.getMethod("downcallHandle", segmentC, descriptorC, optionC.arrayType());
			Object noOptions = Array.newInstance(optionC, 0);
			Object[] noArgs = (Object[]) Array.newInstance(layoutC, 0);
			MethodHandle alloc = (MethodHandle) downcall.invoke(linker,
					((Optional<?>) find.invoke(lib, "libdeflate_alloc_decompressor")).orElseThrow(),
					of.invoke(null, address, noArgs), noOptions);
			Object[] args = (Object[]) Array.newInstance(layoutC, 6);
			args[0] = address;
			args[1] = address;
			args[2] = jlong;
			args[3] = address;
			args[4] = jlong;
			args[5] = address;
			MethodHandle gunzip = (MethodHandle) downcall.invoke(linker,
					((Optional<?>) find.invoke(lib, "libdeflate_gzip_decompress")).orElseThrow(),
					of.invoke(null, jint, args), noOptions);
			Object decompressor = alloc.invoke();
			return new Libdeflate(gunzip, decompressor, arenaC, jlong, segmentC);
		} catch (Throwable e) {
			return null; // no FFM access or no libdeflate: zlib it is
		}
	}

	/**
	 * Decompresses a single-member gzip stream held in a direct buffer (a memory-mapped file: no heap copy)
	 * into exactly {@code size} bytes off the heap; null when it does not decompress to that size (several
	 * members, corrupt data), so the caller falls back to zlib.
	 */
	public synchronized ByteBuffer gunzip(ByteBuffer compressed, long size) {
		try {
			Object auto = ofAuto.invoke(null); // the output lives as long as the returned buffer
			Object src = ofBuffer.invoke(null, compressed);
			Object dst = allocate.invoke(auto, Math.max(1, size));
			Object actual = allocate.invoke(auto, 8L);
			int rc = (int) decompress.invoke(decompressor, src, (long) compressed.remaining(), dst, size, actual);
			long got = (long) getLong.invoke(actual, longLayout, 0L);
			if (rc != SUCCESS || got != size) {
				return null;
			}
			return (ByteBuffer) asByteBuffer.invoke(dst);
		} catch (Throwable e) {
			return null;
		}
	}

	/** The same for a heap array (copied once into native memory). */
	public ByteBuffer gunzip(byte[] compressed, long size) {
		ByteBuffer direct = ByteBuffer.allocateDirect(compressed.length);
		direct.put(compressed).flip();
		return gunzip(direct, size);
	}
}
