package dev.hotline.server.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MimeBundlesTest {
    record Order(String customer, int quantity) {
    }

    /** A bean: its getters are the columns, in name order; one of them throws. */
    public static final class Account {
        public String getOwner() {
            return "ada";
        }

        public boolean isActive() {
            return true;
        }

        public long getBalance() {
            throw new IllegalStateException("locked");
        }
    }

    /** IPython's display protocol, which the kernel's Display helper uses too. */
    public static final class Badge {
        public String _repr_html_() {
            return "<b>ok</b>";
        }

        public String _repr_markdown_() {
            return null;
        }
    }

    @Test
    void listOfRecordsIsATable() {
        String html = MimeBundles.of(List.of(new Order("ada", 3), new Order("b<b>", 1))).get("text/html");
        assertTrue(html.contains("<th>customer</th><th>quantity</th>"), html);
        assertTrue(html.contains("<tr><td>b&lt;b&gt;</td><td>1</td></tr>"), "cells are escaped: " + html);
    }

    @Test
    void beansAndMapsAreRowsToo() {
        String beans = MimeBundles.of(new Account[] {new Account()}).get("text/html");
        assertTrue(beans.contains("<th>active</th><th>balance</th><th>owner</th>"), beans);
        assertTrue(beans.contains("java.lang.IllegalStateException: locked"), "a getter that throws says so: " + beans);
        String maps = MimeBundles.of(List.of(Map.of("a", 1), Map.of("b", 2))).get("text/html");
        assertTrue(maps.contains("<tr><td>1</td><td></td></tr>"), "a missing key is an empty cell: " + maps);
    }

    @Test
    void onlyTheFirstHundredRowsAreShown() {
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            orders.add(new Order("c" + i, i));
        }
        String html = MimeBundles.of(orders).get("text/html");
        assertEquals(100, html.split("<tr><td>").length - 1);
        assertTrue(html.contains("100 of 150 rows shown"), html);
    }

    @Test
    void aMapOfNumbersIsATableAndABarChart() {
        Map<String, Number> sales = new LinkedHashMap<>();
        sales.put("north", 120);
        sales.put("south", -8.5);
        Map<String, String> bundle = MimeBundles.of(sales);
        assertTrue(bundle.get("image/svg+xml").contains("<title>south: -8.500</title>"), bundle.toString());
        assertTrue(bundle.get("text/html").contains("<td>north</td><td>120</td>"), bundle.toString());
        assertTrue(bundle.get("text/html").contains("<svg"), "the HTML form has the chart too");
    }

    @Test
    void imagesAsPngOrJpeg() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0};
        assertEquals(Base64.getEncoder().encodeToString(jpeg), MimeBundles.of(jpeg).get("image/jpeg"));
        String png = MimeBundles.of(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB)).get("image/png");
        assertTrue(Base64.getDecoder().decode(png)[1] == 'P', "a BufferedImage becomes a PNG");
        assertEquals(Map.of(), MimeBundles.of(new byte[] {1, 2, 3}), "other bytes are only text");
    }

    @Test
    void displayMethodsGiveTheirTypesAndNullMeansAbsent() {
        assertEquals(Map.of("text/html", "<b>ok</b>"), MimeBundles.of(new Badge()));
    }

    @Test
    void plainValuesHaveNoRicherForm() {
        assertEquals(Map.of(), MimeBundles.of("text"));
        assertEquals(Map.of(), MimeBundles.of(42));
        assertEquals(Map.of(), MimeBundles.of(List.of("a", "b")));
        assertEquals(Map.of(), MimeBundles.of(List.of(new java.util.Date())), "the JDK's getters are not columns");
        assertEquals(Map.of(), MimeBundles.of(null));
    }
}
