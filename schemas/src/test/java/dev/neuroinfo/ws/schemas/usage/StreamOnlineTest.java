package dev.neuroinfo.ws.schemas.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neuroinfo.ws.schemas.ServerFrames;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's Java example on real server frames, like the TypeScript and Python programs. */
class StreamOnlineTest {

    @Test
    void findsStreamOnlineTitlesInServerFramesAndBuildsAnAddEvent() {
        List<String> output = new ArrayList<>();
        ServerFrames.lines().lines().forEach(frame -> output.add(StreamOnline.title(frame).orElse("-")));
        output.add(StreamOnline.subscribe());
        assertEquals(ServerFrames.expectedOutput(ServerFrames.assertSubscribesToStreamOnline(output)), output);
    }

    @Test
    void rejectsAFrameThatIsNoServerMessage() {
        assertThrows(IllegalArgumentException.class, () -> StreamOnline.title("{\"type\":\"addEvent\"}"));
    }
}
