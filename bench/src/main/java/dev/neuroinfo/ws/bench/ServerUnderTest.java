package dev.neuroinfo.ws.bench;

/** A server the scenarios run against: ours or nchan, in a process of its own or (smoke) in-process. */
interface ServerUnderTest extends AutoCloseable {
    /** "ours" or "nchan". */
    String name();

    /** The process whose CPU and memory are the server's. */
    long pid();

    /** Whether jcmd can report a heap. */
    boolean jvm();

    /** Where subscribers of {@code channel} connect (ours has one channel per event type). */
    LoadGenerator.Target subscribers(String channel);

    /** Where events for {@code channel} are published. */
    Publisher.Target publisher(String channel, EventFactory events);

    /** The churn cycles this server offers: a name and how to run one. */
    java.util.List<Churn.Mode> churnModes(String channel) throws java.io.IOException;

    @Override
    void close();
}
