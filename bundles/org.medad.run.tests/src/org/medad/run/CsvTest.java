package org.medad.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {
	@Test
	void quotesWhatNeedsQuotingAndParsesBack() {
		String line = Csv.line("a,b", "say \"hi\"", 1.5, "plain");
		assertEquals("\"a,b\",\"say \"\"hi\"\"\",1.50000,plain\n", line);
		assertEquals(List.of("a,b", "say \"hi\"", "1.50000", "plain"), Csv.parse(line.strip()));
	}
}
