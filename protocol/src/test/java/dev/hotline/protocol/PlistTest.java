package dev.hotline.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlistTest {

    @Test
    void aFlagIsSetOnlyByT() throws Exception {
        Plist request = Plist.from(SexpReader.DEFAULT.read("(:op \"trace\" :stack t :unsafe nil :count 1 :show \"t\")"));
        assertTrue(request.flag("stack"));
        assertFalse(request.flag("unsafe"), "nil");
        assertFalse(request.flag("count"), "a number is not t");
        assertFalse(request.flag("show"), "nor is the string \"t\"");
        assertFalse(request.flag("where"), "absent");
    }
}
