package dev.hotline.server.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedTextTest {
    @Test
    void aLongStringKeepsItsFirst256CharactersAndSaysHowManyMore() {
        String text = BoundedText.of("x".repeat(300));
        assertEquals("\"" + "x".repeat(256) + "... (44 more characters)\"", text);
        assertEquals("\"a \\\"quoted\\\"\\nline\"", BoundedText.of("a \"quoted\"\nline"));
    }

    @Test
    void collectionsMapsAndArraysShowTheirFirst20ElementsThreeLevelsDeep() {
        List<Integer> many = IntStream.range(0, 25).boxed().toList();
        assertEquals(many.subList(0, 20).toString().replace("]", ", ... (5 more)]"), BoundedText.of(many));
        assertEquals("{\"a\"=[1, 2]}", BoundedText.of(Map.of("a", new int[] {1, 2})));
        assertEquals("[[[[2 elements]]]]", BoundedText.of(List.of(List.of(List.of(List.of(1, 2))))));
        assertEquals("['c', null, 1.5]", BoundedText.of(new Object[] {'c', null, 1.5}));
    }

    @Test
    void aValueWhoseToStringThrowsIsSaidInItsPlace() {
        Object broken = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no");
            }
        };
        assertTrue(BoundedText.of(broken).contains("could not be shown: java.lang.IllegalStateException: no"));
    }
}
