package dev.hotline.server.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ObjectPartsTest {
    static class Base {
        private final String id = "b-1";
    }

    static final class Order extends Base {
        private final int quantity = 3;
        private final List<String> lines = new ArrayList<>(List.of("tea"));
        private static final String IGNORED = "static";
    }

    private static List<String> named(Object value) {
        return ObjectParts.named(value).stream().map(p -> p.name() + "=" + p.text()).toList();
    }

    @Test
    void fieldsComeOwnFirstThenTheSuperclassesAndStaticsAreLeftOut() {
        Order order = new Order();
        assertEquals(List.of("quantity=3", "lines=[\"tea\"]", "id=\"b-1\""), named(order));
        assertEquals(3, ObjectParts.namedCount(order));
        assertEquals(0, ObjectParts.indexedCount(order));
        ObjectParts.Part lines = ObjectParts.named(order).get(1);
        assertEquals("java.util.ArrayList", lines.type());
        assertTrue(ObjectParts.hasParts(lines.value()));
        assertNull(ObjectParts.named(order).get(0).value(), "a number has no parts to look inside");
    }

    @Test
    void elementsComeAPageAtATimeFromListsSetsArraysAndMaps() {
        List<Integer> big = IntStream.range(0, 10_000).boxed().toList();
        assertEquals(10_000, ObjectParts.indexedCount(big));
        assertEquals(0, ObjectParts.namedCount(big));
        List<ObjectParts.Part> page = ObjectParts.indexed(big, 9_998, 100);
        assertEquals(List.of("[9998]", "[9999]"), page.stream().map(ObjectParts.Part::name).toList());
        assertEquals(List.of("\"c\""), ObjectParts.indexed(new LinkedHashSet<>(List.of("a", "b", "c")), 2, 5).stream()
                .map(ObjectParts.Part::text).toList());
        assertEquals("7", ObjectParts.indexed(new int[] {5, 6, 7}, 2, 1).get(0).text());
        assertEquals("int", ObjectParts.indexed(new int[] {5, 6, 7}, 2, 1).get(0).type());
        assertTrue(ObjectParts.indexed(new Order(), 0, 10).isEmpty(), "an object has no elements");

        Object entry = ObjectParts.indexed(new TreeMap<>(Map.of("k", List.of(1))), 0, 1).get(0).value();
        assertEquals(List.of("key=\"k\"", "value=[1]"), named(entry));
    }

    @Test
    void aFieldItsModuleDoesNotOpenSaysSoInItsValue() {
        ObjectParts.Part value = ObjectParts.named(new AtomicLong(5)).get(0);
        assertEquals("value", value.name());
        assertTrue(value.text().startsWith("(not readable: module java.base does not open java.util.concurrent.atomic"),
                value.text());
        assertFalse(ObjectParts.hasParts("text"));
    }
}
