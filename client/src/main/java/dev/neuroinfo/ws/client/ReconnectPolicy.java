package dev.neuroinfo.ws.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to retry after a session is lost: exponential backoff with jitter, never above 30 s.
 *
 * <p>The delay before attempt {@code n} (1-based) is {@code base = min(maxDelay, initialDelay *
 * multiplier^(n-1))}, reduced by a random fraction of up to {@code jitter}: {@code base * (1 -
 * jitter * r)} with {@code r} uniform in [0, 1). Jitter only shortens a delay, so the cap holds
 * for every attempt, and clients that lost their sessions together do not return together.
 *
 * @param initialDelay delay before the first attempt, positive
 * @param maxDelay     largest delay, positive and at most {@link #MAX_DELAY_CAP}
 * @param multiplier   growth per attempt, at least 1
 * @param jitter       fraction in [0, 1] by which a delay may be shortened at random
 * @param maxAttempts  attempts before giving up; 0 means unlimited
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, double multiplier, double jitter,
        int maxAttempts) {
    /** No policy may wait longer than this between attempts. */
    public static final Duration MAX_DELAY_CAP = Duration.ofSeconds(30);

    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initialDelay must be positive, was " + initialDelay);
        }
        if (maxDelay.isNegative() || maxDelay.isZero() || maxDelay.compareTo(MAX_DELAY_CAP) > 0) {
            throw new IllegalArgumentException("maxDelay must be in (0, 30 s], was " + maxDelay);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be >= 1, was " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1], was " + jitter);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be >= 0 (0 = unlimited), was " + maxAttempts);
        }
    }

    /** 1 s, doubling, capped at 30 s, up to 20 % jitter, unlimited attempts. */
    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(Duration.ofSeconds(1), MAX_DELAY_CAP, 2.0, 0.2, 0);
    }

    /** A copy with another first delay. */
    public ReconnectPolicy withInitialDelay(Duration delay) {
        return new ReconnectPolicy(delay, maxDelay, multiplier, jitter, maxAttempts);
    }

    /** A copy with another cap (at most 30 s). */
    public ReconnectPolicy withMaxDelay(Duration delay) {
        return new ReconnectPolicy(initialDelay, delay, multiplier, jitter, maxAttempts);
    }

    /** A copy with another growth factor. */
    public ReconnectPolicy withMultiplier(double factor) {
        return new ReconnectPolicy(initialDelay, maxDelay, factor, jitter, maxAttempts);
    }

    /** A copy with another jitter fraction. */
    public ReconnectPolicy withJitter(double fraction) {
        return new ReconnectPolicy(initialDelay, maxDelay, multiplier, fraction, maxAttempts);
    }

    /** A copy with another attempt limit (0 = unlimited). */
    public ReconnectPolicy withMaxAttempts(int attempts) {
        return new ReconnectPolicy(initialDelay, maxDelay, multiplier, jitter, attempts);
    }

    /**
     * The delay before an attempt.
     *
     * @param attempt 1 for the first attempt after a loss
     * @param random  source of the jitter
     */
    public Duration delay(int attempt, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        double capNanos = maxDelay.toNanos();
        double base = Math.min(capNanos, initialDelay.toNanos() * Math.pow(multiplier, attempt - 1.0));
        double jittered = base * (1.0 - jitter * random.nextDouble());
        return Duration.ofNanos((long) Math.min(capNanos, jittered));
    }

    /** Whether attempt number {@code attempt} (1-based) may be made. */
    public boolean allowsAttempt(int attempt) {
        return maxAttempts == 0 || attempt <= maxAttempts;
    }
}
