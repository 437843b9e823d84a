package dev.neuroinfo.ws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
    @Test
    void withoutJitterTheDelayDoublesUpToTheCap() {
        ReconnectPolicy policy = ReconnectPolicy.defaults().withJitter(0);
        Random random = new Random(42);

        long[] seconds = new long[8];
        for (int attempt = 1; attempt <= 8; attempt++) {
            seconds[attempt - 1] = policy.delay(attempt, random).toSeconds();
        }

        assertEquals("[1, 2, 4, 8, 16, 30, 30, 30]", java.util.Arrays.toString(seconds));
    }

    @Test
    void withJitterDelaysStayWithinTheirBandAndNeverExceedTheCap() {
        ReconnectPolicy policy = ReconnectPolicy.defaults().withJitter(0.5);
        Random random = new Random(7);

        for (int attempt = 1; attempt <= 200; attempt++) {
            Duration base = Duration.ofSeconds(Math.min(30, 1L << Math.min(attempt - 1, 20)));
            Duration delay = policy.delay(attempt, random);
            assertTrue(delay.compareTo(base) <= 0, "attempt " + attempt + ": " + delay);
            assertTrue(delay.compareTo(base.dividedBy(2)) >= 0, "attempt " + attempt + ": " + delay);
            assertTrue(delay.compareTo(ReconnectPolicy.MAX_DELAY_CAP) <= 0);
        }
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        ReconnectPolicy policy = ReconnectPolicy.defaults();
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertEquals(policy.delay(attempt, new Random(attempt)), policy.delay(attempt, new Random(attempt)));
        }
    }

    @Test
    void growsOnAverageAcrossAttempts() {
        ReconnectPolicy policy = ReconnectPolicy.defaults();
        Random random = new Random(1);
        Duration previous = Duration.ZERO;
        for (int attempt = 1; attempt <= 5; attempt++) {
            Duration delay = policy.delay(attempt, random);
            // 20 % jitter cannot undo a doubling.
            assertTrue(delay.compareTo(previous) > 0, attempt + ": " + delay + " after " + previous);
            previous = delay;
        }
    }

    @Test
    void attemptLimitZeroIsUnlimited() {
        assertTrue(ReconnectPolicy.defaults().allowsAttempt(1_000_000));
        ReconnectPolicy three = ReconnectPolicy.defaults().withMaxAttempts(3);
        assertTrue(three.allowsAttempt(3));
        assertFalse(three.allowsAttempt(4));
    }

    @Test
    void rejectsCapsAbove30SecondsAndOtherNonsense() {
        ReconnectPolicy policy = ReconnectPolicy.defaults();
        assertThrows(IllegalArgumentException.class, () -> policy.withMaxDelay(Duration.ofSeconds(31)));
        assertThrows(IllegalArgumentException.class, () -> policy.withInitialDelay(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> policy.withMultiplier(0.5));
        assertThrows(IllegalArgumentException.class, () -> policy.withJitter(1.5));
        assertThrows(IllegalArgumentException.class, () -> policy.withMaxAttempts(-1));
        assertThrows(IllegalArgumentException.class, () -> policy.delay(0, new Random()));
    }
}
