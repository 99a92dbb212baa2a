package dev.hotline.server.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * A logpoint's message: text with Java expressions in braces, {@code "total={total} items={order.items().size()}"}.
 * Braces inside an expression nest ({@code {new int[] {1, 2}.length}}).
 *
 * @param texts the literal text around the expressions: one more than there are expressions
 * @param expressions the expressions, in order
 */
record Template(List<String> texts, List<String> expressions) {

    /** @throws IllegalArgumentException for a brace left open or an empty {@code {}} */
    static Template parse(String message) {
        List<String> texts = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < message.length()) {
            char c = message.charAt(i);
            if (c != '{') {
                text.append(c);
                i++;
                continue;
            }
            int depth = 1;
            int end = i + 1;
            for (; end < message.length() && depth > 0; end++) {
                char d = message.charAt(end);
                depth += d == '{' ? 1 : d == '}' ? -1 : 0;
            }
            if (depth > 0) {
                throw new IllegalArgumentException("the message's '{' at column " + (i + 1) + " is not closed;"
                        + " write {expression} for each value, as in 'total={total}'");
            }
            String expression = message.substring(i + 1, end - 1).strip();
            if (expression.isEmpty()) {
                throw new IllegalArgumentException("the message has an empty {} at column " + (i + 1));
            }
            texts.add(text.toString());
            text.setLength(0);
            expressions.add(expression);
            i = end;
        }
        texts.add(text.toString());
        return new Template(List.copyOf(texts), List.copyOf(expressions));
    }

    /** The message with each expression's value text in its place. */
    String fill(List<String> values) {
        StringBuilder out = new StringBuilder(texts.get(0));
        for (int i = 0; i < values.size(); i++) {
            out.append(values.get(i)).append(texts.get(i + 1));
        }
        return out.toString();
    }
}
