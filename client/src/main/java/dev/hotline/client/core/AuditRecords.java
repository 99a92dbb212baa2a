package dev.hotline.client.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a line of a service's audit log ({@code NAME.audit.jsonl}), a flat JSON object as the service writes it:
 * string fields, one number ({@code micros}) and one list of strings ({@code classes}, given back comma-joined).
 */
public final class AuditRecords {
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+)|\\[([^\\]]*)\\])");

    private AuditRecords() {
    }

    /** The record's fields by name. */
    public static Map<String, String> parse(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
            String value = m.group(3) != null ? unescape(m.group(3))
                    : m.group(4) != null ? m.group(4) : m.group(5).replace("\"", "");
            fields.put(m.group(1), value);
        }
        return fields;
    }

    private static String unescape(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                sb.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(next);
            }
        }
        return sb.toString();
    }
}
