package dev.neuroinfo.ws.client.docs;

// begin: getting-started
import dev.neuroinfo.ws.client.NeuroInfoClient;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.StreamOnline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;

public class GettingStarted {
    public static void main(String[] args) throws InterruptedException {
        try (NeuroInfoClient client = NeuroInfoClient.builder()
                .webSocketUrl("wss://example.net/api/ws")  // tickets from https://example.net/api/ws/ticket
                .token(System.getenv("NEUROINFO_TOKEN"))
                .build()) {
            client.on(EventType.STREAM_ONLINE, StreamOnline.class,
                    (live, timestamp) -> System.out.println("Live: " + live.title()));
            client.on(EventType.STREAM_RAID_INCOMING, StreamRaid.class,
                    (raid, timestamp) -> System.out.println("Raid from " + raid.channel().displayName()));
            client.connectAndWait();        // throws NeuroInfoConnectException if refused
            Thread.currentThread().join();  // events arrive on the client's callback thread
        }
    }
}
// end: getting-started
