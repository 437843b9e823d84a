package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.EventType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Records every connection step as text, e.g. {@code connected:abc}, {@code subscribed:streamOnline},
 * and, for failure messages, a timeline of every callback (failed attempts included) with its time.
 */
final class Recorder implements ConnectionListener {
    private final long created = System.nanoTime();
    private final List<String> timeline = new CopyOnWriteArrayList<>();
    final List<String> steps = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final List<Duration> delays = new CopyOnWriteArrayList<>();
    final List<Throwable> reconnectFailures = new CopyOnWriteArrayList<>();
    final List<EventGap> gaps = new CopyOnWriteArrayList<>();

    @Override
    public void connected(String sessionId) {
        step("connected:" + sessionId);
    }

    @Override
    public void disconnected(int code, String reason) {
        step("disconnected:" + code, "reason: " + reason);
    }

    @Override
    public void reconnecting(int attempt, Duration delay) {
        delays.add(delay);
        step("reconnecting:" + attempt, "in " + delay.toMillis() + " ms");
    }

    @Override
    public void reconnectFailed(Throwable cause) {
        reconnectFailures.add(cause);
        step("reconnectFailed", cause.toString());
    }

    @Override
    public void error(Throwable error) {
        errors.add(error);
        note("error: " + error);
    }

    @Override
    public void eventsMissed(EventGap gap) {
        gaps.add(gap);
        step("eventsMissed:" + gap.reason().map(Object::toString).orElse("unknown"));
    }

    @Override
    public void subscribed(EventType type) {
        step("subscribed:" + type);
    }

    @Override
    public void unsubscribed(EventType type) {
        step("unsubscribed:" + type);
    }

    private void step(String step) {
        steps.add(step);
        note(step);
    }

    private void step(String step, String detail) {
        steps.add(step);
        note(step + " (" + detail + ")");
    }

    /** Adds a line to the timeline: a callback, or something the test did (a server restart, say). */
    void note(String what) {
        timeline.add(String.format("%+8.3f s %s", (System.nanoTime() - created) / 1e9, what));
    }

    /** Every step and failed attempt so far, one per line with its time since this recorder was made. */
    String timeline() {
        return String.join("\n", timeline);
    }

    long count(String prefix) {
        return steps.stream().filter(s -> s.startsWith(prefix)).count();
    }

    List<String> matching(String prefix) {
        return steps.stream().filter(s -> s.startsWith(prefix)).collect(Collectors.toList());
    }
}
