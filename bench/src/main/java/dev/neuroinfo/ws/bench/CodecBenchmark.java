package dev.neuroinfo.ws.bench;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.ClientDecoding;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.StreamOnline;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The codec on the server's hot paths: encoding an event (once per publish, whatever the number
 * of subscribers) and decoding a client's addEvent (once per subscription).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
    private final MessageCodec codec = new MessageCodec();
    private final StreamOnline payload = new EventFactory().payload(1);
    private final String addEvent = "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamOnline\"}}";

    /** The benchmark's ~440-byte streamOnline event, as the broadcaster encodes it. */
    @Benchmark
    public String encodeEvent() {
        return codec.encode(new Event(EventType.STREAM_ONLINE, payload, 1_766_924_114_000L));
    }

    /** A subscribe request, as a connection decodes it. */
    @Benchmark
    public ClientDecoding decodeAddEvent() {
        return codec.decodeClient(addEvent);
    }
}
