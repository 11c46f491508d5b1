package io.loadstack.agent.heartbeat;

import io.loadstack.agent.clock.ClockSample;
import io.loadstack.agent.clock.ServerClock;
import io.loadstack.agent.lease.Lease;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeartbeatLoopTest {

    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");
    private static final HeartbeatOutcome ANSWERED = new HeartbeatOutcome.Answered(
            new ClockSample(T, T.plusMillis(1_010), T.plusMillis(11_010), T.plusMillis(10_020)));
    /** An answer holding one command this agent cannot read (a newer server's, say). */
    private static final HeartbeatOutcome UNREADABLE_COMMAND = new HeartbeatOutcome.Answered(
            new ClockSample(T, T.plusMillis(1_010), T.plusMillis(11_010), T.plusMillis(10_020)), List.of(), 1);
    private static final HeartbeatOutcome UNREACHABLE = new HeartbeatOutcome.Failed("Connection refused");
    private static final HeartbeatOutcome NAME_TAKEN = new HeartbeatOutcome.NameTaken("HTTP 409: held by eu-1");
    private static final HeartbeatOutcome.TokenRefused REVOKED = new HeartbeatOutcome.TokenRefused("HTTP 401: revoked");

    private final List<Duration> pauses = new ArrayList<>();
    private final List<LogRecord> logged = new ArrayList<>();
    private final ServerClock clock = new ServerClock(Clock.fixed(T, ZoneOffset.UTC), 4);
    private final Lease lease = new Lease(Duration.ofSeconds(30), () -> 0L);

    private final List<Boolean> longPolls = new ArrayList<>();

    private HeartbeatOutcome.TokenRefused run(HeartbeatOutcome... outcomes) throws InterruptedException {
        Deque<HeartbeatOutcome> script = new ArrayDeque<>(List.of(outcomes));
        Logger log = Logger.getAnonymousLogger();
        log.setUseParentHandlers(false);
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        Heartbeat heartbeat = longPoll -> {
            longPolls.add(longPoll);
            return script.removeFirst();
        };
        return new HeartbeatLoop(heartbeat, clock, lease, new Backoff(new Random(7)), pauses::add, log).run();
    }

    private List<String> messages(Level level) {
        return logged.stream().filter(r -> r.getLevel() == level).map(LogRecord::getMessage).toList();
    }

    @Test
    void aRefusedTokenEndsTheLoopAndSaysWhatToDo() throws InterruptedException {
        assertEquals(REVOKED, run(ANSWERED, ANSWERED, REVOKED));
        List<String> severe = messages(Level.SEVERE);
        assertEquals(1, severe.size());
        assertTrue(severe.get(0).contains("HTTP 401: revoked") && severe.get(0).contains("LOADSTACK_AGENT_TOKEN"),
                severe.get(0));
    }

    @Test
    void answersFollowEachOtherWithoutAPauseAndRenewTheLeaseAndTheClock() throws InterruptedException {
        assertTrue(lease.leaseExpired());
        run(ANSWERED, ANSWERED, ANSWERED, REVOKED);
        assertEquals(List.of(), pauses);
        assertFalse(lease.leaseExpired());
        assertEquals(1_000, clock.offsetMillis().getAsDouble(), 1e-9);
    }

    @Test
    void commandsAnsweredAgainAndAgainAreNotABusyLoop() throws InterruptedException {
        run(UNREADABLE_COMMAND, UNREADABLE_COMMAND, UNREADABLE_COMMAND, ANSWERED, REVOKED);
        assertEquals(List.of(HeartbeatLoop.REPEATED_COMMANDS_PAUSE, HeartbeatLoop.REPEATED_COMMANDS_PAUSE), pauses,
                "the first answer is acted on at once; the same again waits");
    }

    @Test
    void aTakenNameIsRetriedUntilItIsFreeAndLoggedOnce() throws InterruptedException {
        run(NAME_TAKEN, NAME_TAKEN, NAME_TAKEN, ANSWERED, REVOKED);
        assertEquals(3, pauses.size());
        List<String> warnings = messages(Level.WARNING);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("name is taken") && warnings.get(0).contains("held by eu-1"), warnings.get(0));
        assertTrue(messages(Level.INFO).get(0).startsWith("Connected to Loadstack again after 3 failed heartbeat(s)"),
                messages(Level.INFO).toString());
    }

    @Test
    void anOutageIsLoggedWhenItStartsAndWhenItEndsNotAtEveryRetry() throws InterruptedException {
        run(ANSWERED, UNREACHABLE, UNREACHABLE, UNREACHABLE, UNREACHABLE, ANSWERED, ANSWERED, REVOKED);
        assertEquals(List.of("No answer from Loadstack, retrying (every 10 s at most): Connection refused"),
                messages(Level.WARNING));
        List<String> info = messages(Level.INFO);
        assertEquals(2, info.size(), info.toString());
        assertTrue(info.get(0).startsWith("Connected to Loadstack (server clock ahead of ours by 1000 ms"), info.get(0));
        assertTrue(info.get(1).startsWith("Connected to Loadstack again after 4 failed heartbeat(s)"), info.get(1));
    }

    @Test
    void retriesBackOffAndStartOverAfterAnAnswer() throws InterruptedException {
        run(UNREACHABLE, UNREACHABLE, UNREACHABLE, UNREACHABLE, UNREACHABLE, UNREACHABLE, ANSWERED, UNREACHABLE, REVOKED);
        assertEquals(7, pauses.size());
        for (Duration pause : pauses) {
            assertTrue(pause.toMillis() >= 250 && pause.toMillis() <= 10_000, pauses.toString());
        }
        assertTrue(pauses.get(5).toMillis() >= 5_000, "the sixth retry waits half the ceiling at least: " + pauses);
        assertTrue(pauses.get(6).toMillis() <= 500, "an answer starts the backoff over: " + pauses);
    }

    @Test
    void onlyAConnectedAgentLongPollsSoThatAReconnectionIsKnownAtOnce() throws InterruptedException {
        run(ANSWERED, ANSWERED, UNREACHABLE, NAME_TAKEN, ANSWERED, REVOKED);
        assertEquals(List.of(false, true, true, false, false, true), longPolls);
    }

    @Test
    void changingFromOneFailureToAnotherIsLogged() throws InterruptedException {
        run(UNREACHABLE, NAME_TAKEN, NAME_TAKEN, UNREACHABLE, REVOKED);
        assertEquals(3, messages(Level.WARNING).size(), messages(Level.WARNING).toString());
    }
}
