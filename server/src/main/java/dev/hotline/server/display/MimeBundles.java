package dev.hotline.server.display;

import dev.hotline.protocol.Html;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evaluated value as a Jupyter MIME bundle: the richer forms a notebook shows instead of the value's text
 * ({@code text/plain}, which the eval reply carries anyway). In order of precedence:
 * <ul>
 *   <li>an object with IPython's display methods, public and without parameters, returning a string (null: not this
 *       form): {@code _repr_html_()}, {@code _repr_markdown_()}, {@code _repr_svg_()}, {@code _repr_latex_()};
 *       the kernel's {@code Display.html(...)} and {@code Display.markdown(...)} are such objects;</li>
 *   <li>a {@code byte[]} that starts as a PNG or a JPEG does: that image;</li>
 *   <li>a {@code java.awt.image.RenderedImage} (a {@code BufferedImage}): a PNG;</li>
 *   <li>a map whose values are numbers (its first {@value Rows#MAX_ROWS}, which are shown): a table and an SVG bar
 *       chart;</li>
 *   <li>a list, set or array of records, beans or maps: a table of its first {@value Rows#MAX_ROWS} rows.</li>
 * </ul>
 * Runs on the session's worker: the value's own methods are called. What they throw leaves the bundle without
 * that form, and the value is still shown as text.
 */
public final class MimeBundles {
    /** A form larger than this (characters) is left out, so one value cannot fill the client's frame. */
    static final int MAX_FORM_CHARS = 4 << 20;

    private static final String[][] DISPLAY_METHODS = {
            {"_repr_html_", "text/html"}, {"_repr_markdown_", "text/markdown"},
            {"_repr_svg_", "image/svg+xml"}, {"_repr_latex_", "text/latex"}};

    private MimeBundles() {
    }

    /** The rich forms of {@code value}, MIME type to data (base64 for images); empty when it has none. */
    public static Map<String, String> of(Object value) {
        Map<String, String> bundle = new LinkedHashMap<>();
        if (value == null) {
            return bundle;
        }
        try {
            displayMethods(value, bundle);
            if (bundle.isEmpty()) {
                richForms(value, bundle);
            }
        } catch (RuntimeException | LinkageError e) {
            bundle.clear(); // the value's own code failed: its text is what the client shows
        }
        bundle.values().removeIf(data -> data.length() > MAX_FORM_CHARS);
        return bundle;
    }

    private static void richForms(Object value, Map<String, String> bundle) {
        if (value instanceof byte[] bytes) {
            String type = imageType(bytes);
            if (type != null) {
                bundle.put(type, Base64.getEncoder().encodeToString(bytes));
            }
        } else if (Images.isImage(value)) {
            bundle.put("image/png", Base64.getEncoder().encodeToString(Images.png(value)));
        } else if (value instanceof Map<?, ?> map && !map.isEmpty()
                && map.values().stream().limit(Rows.MAX_ROWS).allMatch(v -> v instanceof Number)) {
            chart(map, bundle);
        } else {
            Rows.of(value).ifPresent(rows -> bundle.put("text/html",
                    Html.table(rows.columns(), rows.cells(), rows.total())));
        }
    }

    private static void chart(Map<?, ?> map, Map<String, String> bundle) {
        List<String> labels = new ArrayList<>();
        List<Double> numbers = new ArrayList<>();
        List<List<String>> cells = new ArrayList<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (cells.size() == Rows.MAX_ROWS) {
                break;
            }
            String label = Rows.cell(entry.getKey());
            labels.add(label);
            numbers.add(((Number) entry.getValue()).doubleValue());
            cells.add(List.of(label, Rows.cell(entry.getValue())));
        }
        String svg = Html.barChart(labels, numbers);
        bundle.put("text/html", Html.table(List.of("key", "value"), cells, map.size()) + "\n" + svg);
        bundle.put("image/svg+xml", svg);
    }

    private static void displayMethods(Object value, Map<String, String> bundle) {
        for (String[] method : DISPLAY_METHODS) {
            try {
                Method m = value.getClass().getMethod(method[0]);
                m.setAccessible(true); // a class declared in a session is not public
                if (m.invoke(value) instanceof String text) {
                    bundle.put(method[1], text);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // no such method, one that cannot be called, or one that threw: that form is absent
            }
        }
    }

    /** {@code image/png} or {@code image/jpeg} when the bytes start as such a file does; else null. */
    static String imageType(byte[] bytes) {
        if (bytes.length > 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return "image/png";
        }
        if (bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        return null;
    }
}
