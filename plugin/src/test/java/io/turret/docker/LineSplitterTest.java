package io.turret.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    @Test
    void joinsLinesSplitAcrossChunksAndDropsCarriageReturns() {
        List<String> lines = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(lines::add);

        splitter.accept("ok  \texample.com/x\t0.0".getBytes(StandardCharsets.UTF_8));
        splitter.accept("1s\r\nsecond\nthi".getBytes(StandardCharsets.UTF_8));
        splitter.accept("rd".getBytes(StandardCharsets.UTF_8));
        splitter.flush();

        assertEquals(List.of("ok  \texample.com/x\t0.01s", "second", "third"), lines);
    }

    @Test
    void keepsMultiByteCharactersSplitBetweenChunks() {
        List<String> lines = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(lines::add);
        byte[] word = "héllo\n".getBytes(StandardCharsets.UTF_8);

        splitter.accept(java.util.Arrays.copyOfRange(word, 0, 2));
        splitter.accept(java.util.Arrays.copyOfRange(word, 2, word.length));

        assertEquals(List.of("héllo"), lines);
    }
}
