package org.medad.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import org.medad.core.error.CancelledException;
import org.medad.core.error.MedadException;
import org.medad.core.image.Geometry;
import org.medad.io.format.AxialSlices;

/**
 * A streamed volume's map written (and compressed) slice by slice on a thread of its own while the
 * detector scores the next slices: the scoring thread {@link #put}s each slice in order, at most
 * {@code capacity} wait. The file appears atomically when {@link #finish} returns; a sink closed before
 * that (the case failed) leaves nothing behind.
 */
final class SliceSink implements AutoCloseable {

	private final int capacity;
	private final Deque<float[]> queue = new ArrayDeque<>();
	private final Thread writer;
	private Throwable failure;
	private boolean done;

	SliceSink(Path target, long[] dims, Geometry geometry, int capacity) {
		this.capacity = Math.max(1, capacity);
		writer = new Thread(() -> {
			try {
				AxialSlices.write(target, dims, geometry, k -> take());
				finished(null);
			} catch (Throwable t) {
				finished(t);
			}
		}, "medad-map-writer");
		writer.setDaemon(true);
		writer.start();
	}

	/** The next slice of the map, in order; blocks while the writer is {@code capacity} slices behind. */
	synchronized void put(float[] slice) throws MedadException, IOException {
		try {
			while (queue.size() >= capacity && failure == null && !done) {
				wait();
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancelledException();
		}
		rethrow();
		queue.add(slice);
		notifyAll();
	}

	/** Waits until every slice is written and the file is in place. */
	void finish() throws MedadException, IOException {
		try {
			writer.join();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			writer.interrupt();
			throw new CancelledException();
		}
		synchronized (this) {
			rethrow();
		}
	}

	private synchronized float[] take() throws CancelledException {
		try {
			while (queue.isEmpty()) {
				wait();
			}
		} catch (InterruptedException e) {
			throw new CancelledException(); // closed early: the write is abandoned, its temporary file removed
		}
		float[] s = queue.poll();
		notifyAll();
		return s;
	}

	private synchronized void finished(Throwable t) {
		failure = t;
		done = true;
		notifyAll();
	}

	private void rethrow() throws MedadException, IOException {
		Failures.rethrow(failure, "writing the map");
	}

	@Override
	public void close() {
		if (writer.isAlive()) {
			writer.interrupt();
			try {
				writer.join(10_000);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}
}
