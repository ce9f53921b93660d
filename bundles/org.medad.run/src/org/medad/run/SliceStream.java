package org.medad.run;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

import org.medad.core.error.CancelledException;
import org.medad.core.error.MedadException;
import org.medad.core.image.Volume;
import org.medad.io.format.AxialSlices;

/**
 * The axial slices {@code from..to-1} of a streamed volume, read, decoded and preprocessed in order by a
 * thread of their own up to {@code ahead} slices in front of the detector (slices before {@code from}
 * are read past, nothing after {@code to - 1} is read). With {@code ahead} 0 each slice is read when
 * asked for. Memory: {@code ahead} slices, whatever the volume's depth.
 */
final class SliceStream implements AutoCloseable {
	/** A slice as read and as the detector is given it. */
	record Slice(Volume asRead, Volume given) {
	}

	private final AxialSlices.Reader source;
	private final InputPipeline input;
	private final int from;
	private final int to;
	private final int ahead;
	private final Deque<Object> ready = new ArrayDeque<>(); // Slice, or the exception that ended the reading
	private final Thread reader;
	private int read; // slices read from the source (synchronous mode)

	SliceStream(AxialSlices.Reader source, InputPipeline input, int from, int to, int ahead) {
		this.source = source;
		this.input = input;
		this.from = from;
		this.to = to;
		this.ahead = ahead;
		if (ahead > 0) {
			reader = new Thread(this::readAll, "medad-slice-read-ahead");
			reader.setDaemon(true);
			reader.start();
		} else {
			reader = null;
		}
	}

	/** The next slice of the range, in order. */
	Slice next() throws MedadException {
		if (reader == null) {
			for (; read < from; read++) {
				source.next();
			}
			read++;
			Volume s = source.next();
			return new Slice(s, input.apply(s));
		}
		Object o;
		synchronized (this) {
			try {
				while (ready.isEmpty()) {
					wait();
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new CancelledException();
			}
			o = ready.poll();
			notifyAll();
		}
		if (o instanceof MedadException e) {
			throw e;
		}
		if (o instanceof RuntimeException e) {
			throw e;
		}
		return (Slice) o;
	}

	private void readAll() {
		try {
			for (int k = 0; k < from; k++) {
				source.next();
			}
			for (int k = from; k < to; k++) {
				Volume s = source.next();
				put(new Slice(s, input.apply(s)));
			}
		} catch (InterruptedException e) {
			return; // the detector side stopped
		} catch (MedadException | RuntimeException e) {
			try {
				put(e);
			} catch (InterruptedException stopped) {
				return;
			}
		}
	}

	private synchronized void put(Object o) throws InterruptedException {
		while (ready.size() >= ahead) {
			wait();
		}
		ready.add(o);
		notifyAll();
	}

	@Override
	public void close() throws IOException {
		if (reader != null) {
			reader.interrupt();
			try {
				reader.join(10_000); // the source is closed after this: no read may be under way
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}
}
