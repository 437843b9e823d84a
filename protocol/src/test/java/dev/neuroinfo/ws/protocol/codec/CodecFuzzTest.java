package dev.neuroinfo.ws.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.InvalidReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Decoding never throws: random and mutated frames, deep nesting, huge numbers, lone surrogates.
 * Seeds are fixed so that a failure reproduces.
 */
class CodecFuzzTest {
    private static final int CASES = 40_000;
    private static final String[] SEEDS = {
            "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamOnline\"}}",
            "{\"type\":\"removeEvent\",\"data\":{\"eventType\":\"streamRaidOutgoing\"}}",
            "{\"type\":\"listEvents\",\"data\":{}}",
            "{\"type\":\"auth\",\"data\":{\"token\":\"abc\"}}",
            "{\"type\":\"event\",\"data\":{\"eventType\":\"scheduleUpdate\",\"eventData\":{\"year\":2026,\"week\":8,"
                    + "\"schedule\":[],\"isFinal\":true},\"timestamp\":1766924114000}}",
            "{\"type\":\"welcome\",\"data\":{\"sessionId\":\"a1b2c3d4\"}}",
            "{\"type\":\"listEvents\",\"data\":{\"subscribedEvents\":[\"streamOnline\"],\"availableEvents\":[]}}",
    };
    private static final String ALPHABET = "{}[]\":,\\ntrufalse0123456789.eE+-typedaEvnOI\u0000\u00e9\ud83d\ude00\ud800\udc00 ";

    private final MessageCodec codec = new MessageCodec();

    @Test
    void randomAndMutatedFramesNeverThrow() {
        Random random = new Random(0x5eed);
        for (int i = 0; i < CASES; i++) {
            String frame = i % 3 == 0 ? randomText(random) : mutate(random, SEEDS[random.nextInt(SEEDS.length)]);
            check(frame);
        }
    }

    @Test
    void pathologicalFramesNeverThrow() {
        List<String> frames = new ArrayList<>();
        frames.add("[".repeat(100_000));
        frames.add("{\"a\":".repeat(50_000));
        frames.add("[".repeat(5_000) + "]".repeat(5_000));
        frames.add("{\"type\":\"addEvent\",\"data\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}");
        frames.add("{\"type\":\"listEvents\",\"n\":" + "9".repeat(100_000) + "}");
        frames.add("{\"type\":\"listEvents\",\"n\":1e999999999}");
        frames.add("{\"type\":\"listEvents\",\"n\":-0.0000000000000000000000000001e-999999}");
        frames.add("{\"type\":\"event\",\"data\":{\"eventType\":\"streamRaidIncoming\",\"eventData\":{\"channel\":"
                + "{\"displayName\":\"a\",\"name\":\"a\",\"id\":\"1\"},\"viewerCount\":" + "9".repeat(400)
                + "},\"timestamp\":1e400}}");
        frames.add("{\"type\":\"\ud800\"}");
        frames.add("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"\udc00streamOnline\"}}");
        frames.add("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"\\ud800\"}}");
        frames.add("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"\\uZZZZ\"}}");
        frames.add("{\"\ud800\":1}");
        frames.add("\ufeff{\"type\":\"listEvents\"}");
        frames.add("\u0000");
        frames.add("{\"type\":\"listEvents\"}\u0000");
        frames.add("{\"type\":\"listEvents\",\"type\":\"listEvents\"}");
        frames.add("/* c */ {\"type\":\"listEvents\"}");
        frames.add("{'type':'listEvents'}");
        frames.add("{type:\"listEvents\"}");
        frames.add("{\"type\":\"listEvents\",}");
        frames.add("NaN");
        frames.add("x".repeat(1_000_000));
        frames.add("\"" + "\\u0041".repeat(100_000) + "\"");
        frames.add(null);
        for (String frame : frames) {
            check(frame);
        }
    }

    @Test
    void duplicateTypeIsMalformedWhicheverComesFirst() {
        for (String frame : List.of("{\"type\":\"listEvents\",\"type\":\"nope\"}",
                "{\"type\":\"nope\",\"type\":\"listEvents\"}")) {
            ClientDecoding.Rejected rejected = assertInstanceOf(ClientDecoding.Rejected.class, codec.decodeClient(frame));
            org.junit.jupiter.api.Assertions.assertEquals(InvalidReason.MALFORMED, rejected.reason());
        }
    }

    private void check(String frame) {
        assertNotNull(codec.decodeClient(frame));
        assertNotNull(codec.decodeServer(frame));
        for (EventType type : EventType.values()) {
            assertNotNull(codec.decodePayload(type, frame));
        }
    }

    private static String randomText(Random random) {
        int length = random.nextInt(64);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private static String mutate(Random random, String seed) {
        StringBuilder text = new StringBuilder(seed);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && text.length() > 0; m++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(5)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> text.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 3 -> text.insert(at, text.substring(at, Math.min(text.length(), at + random.nextInt(16))));
                default -> text.insert(at, random.nextBoolean() ? "\ud800" : String.valueOf(random.nextLong()));
            }
        }
        return text.toString();
    }
}
