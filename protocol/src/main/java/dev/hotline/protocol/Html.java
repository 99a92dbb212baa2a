package dev.hotline.protocol;

import java.util.List;
import java.util.Locale;

/**
 * The HTML that rich displays share: the service renders an evaluated value's rows with it (the {@code :display}
 * of an {@code eval :display t}), the notebook kernel renders Hotline's own results (threads, probes, a trace's
 * calls) with it, so a table looks the same whichever side made it. Everything put in is escaped.
 */
public final class Html {
    /** At most this many bars in a chart; the rest are counted under it. */
    public static final int MAX_BARS = 40;

    private Html() {
    }

    /**
     * A table with a header row.
     *
     * @param total how many rows there are in all; when more than {@code rows}, a line under the table says how many
     *     were left out
     */
    public static String table(List<String> columns, List<List<String>> rows, long total) {
        StringBuilder out = new StringBuilder("<table class=\"hotline-table\">\n<thead><tr>");
        columns.forEach(c -> out.append("<th>").append(escape(c)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            row.forEach(cell -> out.append("<td>").append(escape(cell)).append("</td>"));
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>");
        if (total > rows.size()) {
            out.append("\n<p>").append(rows.size()).append(" of ").append(total).append(" rows shown</p>");
        }
        return out.toString();
    }

    /** A horizontal bar chart in SVG, one bar per label, scaled to the largest magnitude; negative values are red. */
    public static String barChart(List<String> labels, List<Double> values) {
        int bars = Math.min(labels.size(), MAX_BARS);
        double largest = values.stream().limit(bars).mapToDouble(Math::abs).max().orElse(0);
        int labelWidth = 160;
        int barWidth = 360;
        int rowHeight = 22;
        int height = bars * rowHeight + (labels.size() > bars ? rowHeight : 0) + 4;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"hotline-chart\" width=\"%d\" height=\"%d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">\n", labelWidth + barWidth + 90, height));
        for (int i = 0; i < bars; i++) {
            double value = values.get(i);
            double width = largest == 0 ? 0 : Math.abs(value) / largest * barWidth;
            int y = i * rowHeight + 2;
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s</title></rect>"
                            + "<text x=\"%.1f\" y=\"%d\">%s</text>\n",
                    labelWidth - 6, y + 15, escape(shorten(labels.get(i))), labelWidth, y, width, rowHeight - 6,
                    value < 0 ? "#c0504d" : "#4f81bd", escape(labels.get(i)), number(value),
                    labelWidth + width + 4, y + 15, number(value)));
        }
        if (labels.size() > bars) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%d more not drawn</text>\n", labelWidth,
                    bars * rowHeight + 17, labels.size() - bars));
        }
        return svg.append("</svg>").toString();
    }

    /** {@code text} safe inside an element or a double-quoted attribute. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String shorten(String label) {
        return label.length() <= 24 ? label : label.substring(0, 23) + "…";
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4g", value);
    }
}
