package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.payload.Game;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.StreamOnline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import java.util.List;

/** Payloads for tests. */
final class Samples {
    private Samples() {
    }

    static StreamOnline online(String title) {
        return new StreamOnline("331913732989", title, new Game("509658", "Just Chatting"), "en",
                List.of("English"), false, 5799, 1764500000000L, "https://example.net/live_{width}x{height}.jpg");
    }

    static StreamRaid raid(long viewers) {
        return new StreamRaid(new RaidChannel("ExampleStreamer", "examplestreamer", "12345678"), viewers);
    }

    static StreamOffline offline() {
        return new StreamOffline();
    }
}
