package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.EventType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Records every connection step as text, e.g. {@code connected:abc}, {@code subscribed:streamOnline}. */
final class Recorder implements ConnectionListener {
    final List<String> steps = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final List<Duration> delays = new CopyOnWriteArrayList<>();
    final List<Throwable> reconnectFailures = new CopyOnWriteArrayList<>();
    final List<EventGap> gaps = new CopyOnWriteArrayList<>();

    @Override
    public void connected(String sessionId) {
        steps.add("connected:" + sessionId);
    }

    @Override
    public void disconnected(int code, String reason) {
        steps.add("disconnected:" + code);
    }

    @Override
    public void reconnecting(int attempt, Duration delay) {
        delays.add(delay);
        steps.add("reconnecting:" + attempt);
    }

    @Override
    public void reconnectFailed(Throwable cause) {
        reconnectFailures.add(cause);
        steps.add("reconnectFailed");
    }

    @Override
    public void error(Throwable error) {
        errors.add(error);
    }

    @Override
    public void eventsMissed(EventGap gap) {
        gaps.add(gap);
        steps.add("eventsMissed:" + gap.reason().map(Object::toString).orElse("unknown"));
    }

    @Override
    public void subscribed(EventType type) {
        steps.add("subscribed:" + type);
    }

    @Override
    public void unsubscribed(EventType type) {
        steps.add("unsubscribed:" + type);
    }

    long count(String prefix) {
        return steps.stream().filter(s -> s.startsWith(prefix)).count();
    }

    List<String> matching(String prefix) {
        return steps.stream().filter(s -> s.startsWith(prefix)).collect(Collectors.toList());
    }
}
