package io.loadstack.agent.generator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OffsetClockGeneratorTest {

    /** A generator process reading the true clock: what it was told, and a first request it reports. */
    private static final class TrueClockGenerator implements Generator {
        long startedAt;
        GeneratorOutput output;

        @Override
        public String prepare(GeneratorOutput output) {
            this.output = output;
            return "ready";
        }

        @Override
        public void startAt(long localEpochMillis) {
            startedAt = localEpochMillis;
        }

        @Override
        public void stop(Duration grace) {
        }

        @Override
        public GeneratorResult awaitEnd() {
            return null;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void anAgentClockAheadStartsTheGeneratorAtTheSameTrueInstantAndReportsOnItsOwnClock() throws Exception {
        TrueClockGenerator generator = new TrueClockGenerator();
        OffsetClockGenerator offset = new OffsetClockGenerator(generator, Duration.ofMillis(250));
        List<Long> firsts = new ArrayList<>();
        offset.prepare(new GeneratorOutput() {
            @Override
            public void logLine(String line) {
            }

            @Override
            public void firstRequest(long localEpochMillis) {
                firsts.add(localEpochMillis);
            }

            @Override
            public void counts(long requests, long failures) {
            }
        });

        // 10_250 on the agent's clock, 250 ms ahead, is 10_000 on the true clock the generator reads
        offset.startAt(10_250);
        generator.output.firstRequest(10_003);

        assertEquals(10_000, generator.startedAt);
        assertEquals(List.of(10_253L), firsts);
    }
}
