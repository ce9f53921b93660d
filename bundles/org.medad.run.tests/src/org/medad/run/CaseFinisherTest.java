package org.medad.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.medad.core.error.ModelException;

/** Cases' ends run in order on the writer thread, at most the capacity waits, a failure comes back and stops the rest. */
class CaseFinisherTest {

	@Test
	void stepsRunInOrderOffTheCallersThread() throws Exception {
		List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
		List<String> threads = Collections.synchronizedList(new ArrayList<>());
		try (CaseFinisher f = new CaseFinisher(3)) {
			for (int i = 0; i < 50; i++) {
				int n = i;
				f.submit(() -> {
					seen.add(n);
					threads.add(Thread.currentThread().getName());
				});
			}
			f.drain();
		}
		assertEquals(java.util.stream.IntStream.range(0, 50).boxed().toList(), seen);
		assertTrue(threads.stream().allMatch("medad-case-writer"::equals), threads.get(0));
		assertNotEquals("medad-case-writer", Thread.currentThread().getName());
	}

	@Test
	void atMostTheCapacityWaits() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger submitted = new AtomicInteger();
		try (CaseFinisher f = new CaseFinisher(2)) {
			Thread producer = new Thread(() -> {
				try {
					for (int i = 0; i < 5; i++) {
						f.submit(() -> {
							try {
								release.await();
							} catch (InterruptedException e) {
								Thread.currentThread().interrupt();
							}
						});
						submitted.incrementAndGet();
					}
				} catch (Exception e) {
					throw new IllegalStateException(e);
				}
			});
			producer.start();
			producer.join(500);
			assertEquals(2, submitted.get(), "the third waits while two are queued");
			release.countDown();
			producer.join(5000);
			assertEquals(5, submitted.get());
			f.drain();
		}
	}

	@Test
	void aFailureStopsTheRestAndComesBack() throws Exception {
		List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
		CaseFinisher f = new CaseFinisher(4);
		f.submit(() -> seen.add(1));
		f.submit(() -> {
			throw new ModelException("the disk is full");
		});
		try {
			f.submit(() -> seen.add(3));
		} catch (ModelException early) { // the failure may already be back at this next step: that is the contract
			assertEquals("the disk is full", early.getMessage());
		}
		var e = assertThrows(ModelException.class, f::drain, "and again when the run waits for the rest");
		assertEquals("the disk is full", e.getMessage());
		assertEquals(List.of(1), seen, "nothing after the failure");
		f.close();

		CaseFinisher inline = new CaseFinisher(0);
		Thread caller = Thread.currentThread();
		inline.submit(() -> seen.add(Thread.currentThread() == caller ? 4 : -1)); // capacity 0: on the caller's thread
		assertThrows(IOException.class, () -> inline.submit(() -> {
			throw new IOException("at once");
		}));
		assertEquals(List.of(1, 4), seen);
	}
}
